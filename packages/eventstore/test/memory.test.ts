import { MemoryEventStore } from "../src/index.ts"
import { eventStoreConformance } from "../src/testing.ts"

// One storage for every store the suite builds, so a "restarted" store sees the same data.
const storage = MemoryEventStore.makeStorage()

eventStoreConformance("memory", { layer: (config) => MemoryEventStore.layerMemory({ ...config, storage }) })
