// Two builds' server CPU per request, compared over several alternating rounds: on a shared machine
// identical runs of `bench-cpu.mjs` differ by ±0.1–0.2 ms, more than a small lever moves, so one
// round each proves nothing. Each round runs `bench-cpu.mjs` once per build (order swapped every
// round; BENCH_DIST picks the build) and the summary gives each query's median and range per build
// (with --pg, the database's CPU per request too, on a line of its own).
//
//   DATABASE_URL=… node scripts/bench-ab.mjs BEFORE_DIR AFTER_DIR [--rounds 4] [bench-cpu options: --only 1,4 …]
//
// Build the "before" side first, e.g. `git stash && npx nest build api && cp -r dist dist-before && git stash pop
// && npx nest build api`, then `node scripts/bench-ab.mjs dist-before dist --only 1,4`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [before, after, ...rest] = process.argv.slice(2);
if (!before || !after || before.startsWith('--') || after.startsWith('--')) {
  console.error('usage: node scripts/bench-ab.mjs BEFORE_DIR AFTER_DIR [--rounds N] [bench-cpu options]');
  process.exit(2);
}
const roundsAt = rest.indexOf('--rounds');
const rounds = roundsAt < 0 ? 4 : Number(rest[roundsAt + 1]);
const options = roundsAt < 0 ? rest : [...rest.slice(0, roundsAt), ...rest.slice(roundsAt + 2)];
const benchCpu = join(dirname(fileURLToPath(import.meta.url)), 'bench-cpu.mjs');

/** CPU per request by query line ("<n> <name>"), from one run of bench-cpu.mjs. */
function run(dist) {
  const done = spawnSync(process.execPath, [benchCpu, ...options], {
    env: { ...process.env, BENCH_DIST: dist },
    encoding: 'utf8',
  });
  if (done.status !== 0) {
    throw new Error(`bench-cpu.mjs with ${dist} failed:\n${done.stderr}`);
  }
  const found = new Map();
  for (const line of done.stdout.split('\n')) {
    const match = /^(\d+ .{0,40}).*?Convene\s+([\d.]+) ms CPU\/req(?: \(\+ PostgreSQL ([\d.]+)\))?/.exec(line);
    if (match) {
      found.set(match[1].trim(), Number(match[2]));
      if (match[3] !== undefined) {
        found.set(`${match[1].trim()} (PostgreSQL)`, Number(match[3]));
      }
    }
  }
  return found;
}

const figures = { [before]: new Map(), [after]: new Map() };
for (let round = 1; round <= rounds; round++) {
  for (const dist of round % 2 ? [before, after] : [after, before]) {
    for (const [query, cpu] of run(dist)) {
      figures[dist].set(query, [...(figures[dist].get(query) ?? []), cpu]);
    }
  }
  console.log(`round ${round} of ${rounds} done`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
for (const [query, was] of figures[before]) {
  const now = figures[after].get(query) ?? [];
  const change = median(now) - median(was);
  console.log(
    `${query.padEnd(42)} ${before}: median ${median(was).toFixed(2)} ms (${range(was)}) | ${after}: median ${median(now).toFixed(2)} ms (${range(now)}) | ${change >= 0 ? '+' : ''}${change.toFixed(2)} ms`,
  );
}
