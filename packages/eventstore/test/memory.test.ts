import { MemoryEventStore } from "../src/index.ts"
import { conformanceMaxEventSize, conformanceUpcasters, eventStoreConformance } from "../src/testing.ts"

// One storage for every store the suite builds, so a "restarted" store sees the same data.
const storage = MemoryEventStore.makeStorage()
eventStoreConformance("memory", { layer: (config) => MemoryEventStore.layerMemory({ ...config, storage }) })

// The same suite, handed a ready layer instead of a function of the suite's configuration.
eventStoreConformance("memory, ready layer", {
  layer: MemoryEventStore.layerMemory({
    upcasters: conformanceUpcasters,
    maxEventSize: conformanceMaxEventSize,
    storage: MemoryEventStore.makeStorage(),
  }),
})
