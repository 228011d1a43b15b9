// Allocation profile of a running server, garbage included (`node --heap-prof` keeps only what is
// still alive at exit). Preload it: `ALLOC_PROFILE=/tmp/a.json node --import ./scripts/alloc-profile.mjs dist/apps/api/src/main.js`;
// the first SIGUSR2 starts V8's sampling heap profiler, the second writes the profile to ALLOC_PROFILE.
// ALLOC_PROFILE_PROMOTED=1 leaves out what scavenges collected: what is left was promoted to the old
// generation (or allocated there) and is what mark-compacts collect. Sum it with scripts/alloc-summary.mjs.
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
let sampling = false;
process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: process.env.ALLOC_PROFILE_PROMOTED !== '1',
    });
    return;
  }
  sampling = false;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) {
      console.error(error);
      return;
    }
    writeFileSync(process.env.ALLOC_PROFILE ?? 'alloc-profile.json', JSON.stringify(result.profile));
  });
});
