import { setFlagsFromString } from 'node:v8';

// V8 pretenures an allocation site (allocates its objects straight into the old generation) once
// most of its objects outlive a scavenge, as a request's rows and answer do while requests are in
// flight. Every later request's objects from that site, and all they point to, then live until a
// mark-compact: on the 43 areas with their authorities under load, ~70 kB a request promoted, a
// mark-compact every ~2 s, scavenges three times as long and p99 doubled (docs/benchmarks.md).
// Set before anything runs hot; a command-line flag would be lost wherever the server is started
// without it (a container's command, a process manager).
setFlagsFromString('--no-allocation-site-pretenuring');
