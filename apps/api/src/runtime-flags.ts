import { setFlagsFromString } from 'node:v8';

// V8 pretenures an allocation site once most of its objects outlive a scavenge, as a request's rows and
// answer do while requests are in flight: every later request's objects from it, and all they point to,
// then live until a mark-compact (docs/benchmarks.md, 2026-12-05 evening). Set here, not on the command
// line, so every way of starting the server gets it.
setFlagsFromString('--no-allocation-site-pretenuring');
