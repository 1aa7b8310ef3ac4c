import { MemoryEventStore } from "@yiciban/eventstore"
import { eventStoreConformance } from "@yiciban/eventstore/testing"

// One storage for every store the suite builds, so a "restarted" store sees the same data.
const storage = MemoryEventStore.makeStorage()

eventStoreConformance("memory", { layer: (config) => MemoryEventStore.layerMemory({ ...config, storage }) })
