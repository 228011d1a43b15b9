// Summarises a V8 CPU profile (node --cpu-prof; scripts/bench-cpu.mjs --profile DIR): self time by
// package (node_modules/<name>, the app's own code, Node internals, GC) and by function, and
// inclusive time of the functions that matter on the read path.
//
//   node scripts/cpu-profile-summary.mjs file.cpuprofile [top=25]
import { readFileSync } from 'node:fs';
import { placeOf } from './profile-places.mjs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) {
  for (const c of n.children ?? []) {
    parent.set(c, n.id);
  }
}
// Samples before the first GraphQL execution are start-up (module loading, schema building): left out.
const executes = (id) => {
  for (let n = id; n !== undefined; n = parent.get(n)) {
    if (nodes.get(n).callFrame.functionName === 'executeField') {
      return true;
    }
  }
  return false;
};
const first = Math.max(0, profile.samples.findIndex(executes));
// Sample durations: timeDeltas[i] is the time before sample i.
const self = new Map();
let total = 0;
for (let i = first; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  total += dt;
}

function where(n) {
  const url = n.callFrame.url;
  const name = n.callFrame.functionName;
  if (name === '(garbage collector)') {
    return 'GC';
  }
  if (name === '(idle)' || name === '(program)') {
    return name;
  }
  return placeOf(url);
}
const label = (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${where(n)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;

const busy =
  total -
  [...self].filter(([id]) => ['(idle)'].includes(nodes.get(id).callFrame.functionName)).reduce((a, [, t]) => a + t, 0);
const pct = (t) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
const sum = (key) => {
  const m = new Map();
  for (const [id, t] of self) {
    const k = key(nodes.get(id));
    m.set(k, (m.get(k) ?? 0) + t);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
};
console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled\n\nself time by package:`);
for (const [k, t] of sum(where).slice(0, top)) {
  if (k !== '(idle)') {
    console.log(`${pct(t)}  ${k}`);
  }
}
console.log('\nself time by function:');
for (const [k, t] of sum(label).slice(0, top)) {
  if (!k.startsWith('(idle)')) {
    console.log(`${pct(t)}  ${k}`);
  }
}

// Inclusive: a sample counts once for each distinct function name on its stack.
const inclusive = new Map();
for (const [id, t] of self) {
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const node = nodes.get(n);
    const k = `${node.callFrame.functionName || '(anonymous)'} ${where(node)}`;
    if (!seen.has(k)) {
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }
}
console.log('\ninclusive time (functions above 3 %):');
for (const [k, t] of [...inclusive]
  .sort((a, b) => b[1] - a[1])
  .filter(([, t]) => t / busy > 0.03)
  .slice(0, top * 2)) {
  if (!k.startsWith('(root)') && !k.startsWith('(idle)')) {
    console.log(`${pct(t)}  ${k}`);
  }
}
