#!/usr/bin/env bash
# The curl walk-through of docs/http.md. The test (test/walkthrough.test.ts) starts the server on a
# free port and runs each region below with BASE set to it, in this folder; the docs include the
# regions, so what they show is what runs. By hand: `pnpm start`, then `BASE=http://127.0.0.1:8080 bash walkthrough.sh`.
set -euo pipefail
: "${BASE:=http://127.0.0.1:8080}"
MATTER=11430100MB1A38544B-000101001000-01
CASE=SCJG-2026-000731

# #region publish
# The catalogue administrator drafts the food-business licence and publishes it.
curl -s -X POST "$BASE/matter/$MATTER/DraftMatter" \
  -H "Authorization: Bearer admin-token" -H "Content-Type: application/json" \
  -d @matter.json | jq -c '{version, events: [.events[]._tag]}'
curl -s -X POST "$BASE/matter/$MATTER/PublishDraft" \
  -H "Authorization: Bearer admin-token" -H "Content-Type: application/json" \
  -d "{\"implementationCode\": \"$MATTER\"}" | jq -c '{version, phase: .state.phase}'
# #endregion publish

# #region submit
# The restaurant's representative submits; the Idempotency-Key is the command id.
curl -s -X POST "$BASE/application/$CASE/SubmitApplication" \
  -H "Authorization: Bearer restaurant-token" -H "Content-Type: application/json" \
  -H "Idempotency-Key: submit-$CASE" \
  -d '{
    "caseNo": "'"$CASE"'",
    "applicant": { "kind": "enterprise", "code": "91430102MA4L0P1T5J", "name": "长沙市芙蓉区湘味小厨餐饮店" },
    "matterCode": "'"$MATTER"'",
    "materials": [
      { "code": "SP01", "form": "paper" }, { "code": "SP02", "form": "paper" }, { "code": "SP03", "form": "paper" }
    ]
  }' | jq -c '{version, duplicate, events: [.events[]._tag]}'
# #endregion submit

# #region refused
# The applicant cannot accept its own case: 403, as problem+json.
curl -s -X POST "$BASE/application/$CASE/AcceptApplication" \
  -H "Authorization: Bearer restaurant-token" -H "Content-Type: application/json" \
  -d "{\"caseNo\": \"$CASE\"}" | jq -c '{status, tag, reason}'
# #endregion refused

# #region stale
# The clerk accepts on a version the case is no longer at: 412, nothing appended.
curl -s -X POST "$BASE/application/$CASE/AcceptApplication" \
  -H "Authorization: Bearer clerk-token" -H "Content-Type: application/json" \
  -H 'If-Match: "0"' \
  -d "{\"caseNo\": \"$CASE\"}" | jq -c '{status, tag, actualVersion}'
# #endregion stale

# #region accept
# Read the case (its ETag is the stream version), then accept on that version.
ETAG=$(curl -s -o /dev/null -w '%header{etag}' "$BASE/application/$CASE" -H "Authorization: Bearer clerk-token")
curl -s -X POST "$BASE/application/$CASE/AcceptApplication" \
  -H "Authorization: Bearer clerk-token" -H "Content-Type: application/json" \
  -H "If-Match: $ETAG" -H "Idempotency-Key: accept-$CASE" \
  -d "{\"caseNo\": \"$CASE\"}" | jq -c '{version, phase: .state.phase}'
# #endregion accept

# #region again
# The same request again (a lost reply, a double click): the first outcome, nothing appended.
curl -s -X POST "$BASE/application/$CASE/AcceptApplication" \
  -H "Authorization: Bearer clerk-token" -H "Content-Type: application/json" \
  -H "If-Match: $ETAG" -H "Idempotency-Key: accept-$CASE" \
  -d "{\"caseNo\": \"$CASE\"}" | jq -c '{version, duplicate}'
# #endregion again

# #region reads
# The restaurant's cases, the case's timeline and its due timers.
curl -s "$BASE/cases?category=application&limit=10" -H "Authorization: Bearer restaurant-token" \
  | jq -c '[.items[] | {id, status}]'
curl -s "$BASE/application/$CASE/events" -H "Authorization: Bearer restaurant-token" \
  | jq -c '[.events[] | {streamVersion, type, by: .metadata.actor.id}]'
curl -s "$BASE/timers?stream=application-$CASE" -H "Authorization: Bearer clerk-token" \
  | jq -c '[.items[] | .id | sub("^application-[^/]+/"; "")]'
# #endregion reads
