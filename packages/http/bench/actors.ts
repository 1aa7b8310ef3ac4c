/** The bench's actors, by the token that stands for each. */
import type { Yiciban } from "@yiciban/runtime"

export const actors: Record<string, Yiciban.ActorInput> = {
  admin: { id: "catalogue-01", roles: ["catalogueAdmin"], authority: "11430100MB1A38544B", region: "430100" },
  restaurant: {
    id: "xiangwei-01",
    roles: ["applicant"],
    subjects: [{ code: "91430102MA4L0P1T5J", relation: "legalRepresentative" }],
  },
}
