// Sums an allocation profile written by scripts/alloc-profile.mjs: bytes per request by package and
// by allocating function (graphql-jit's generated functions show as `(native)` with their names).
//
//   node scripts/alloc-summary.mjs profile.json REQUESTS [top=30]
//
// REQUESTS is how many requests ran while sampling (e.g. `autocannon -a N` between the two SIGUSR2).
import { readFileSync } from 'node:fs';
import { placeOf } from './profile-places.mjs';

const [file, requests, top = '30'] = process.argv.slice(2);
if (!file || !(Number(requests) > 0)) {
  console.error('usage: node scripts/alloc-summary.mjs profile.json REQUESTS [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byFunction = new Map();
const byPackage = new Map();
let total = 0;
const add = (map, key, bytes) => map.set(key, (map.get(key) ?? 0) + bytes);
const visit = (node) => {
  if (node.selfSize) {
    const { functionName, url, lineNumber } = node.callFrame;
    total += node.selfSize;
    add(
      byFunction,
      `${functionName || '(anonymous)'} ${placeOf(url, { file: true })}:${lineNumber + 1}`,
      node.selfSize,
    );
    add(byPackage, placeOf(url), node.selfSize);
  }
  for (const child of node.children ?? []) {
    visit(child);
  }
};
visit(profile.head);
const perRequest = (bytes) => `${(bytes / Number(requests) / 1024).toFixed(1)} kB/req`.padStart(14);
const rows = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
console.log(`${perRequest(total)}  in all\n\nby package:`);
for (const [name, bytes] of rows(byPackage)) {
  console.log(`${perRequest(bytes)}  ${name}`);
}
console.log('\nby function:');
for (const [name, bytes] of rows(byFunction)) {
  console.log(`${perRequest(bytes)}  ${name}`);
}
