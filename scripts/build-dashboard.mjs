// Builds the dashboard (apps/dashboard) with Vite into dist/dashboard, which the API serves at
// /dashboard. Always a production build, whatever NODE_ENV the caller runs with (CI and Jest set
// "test"). Prints the gzipped size of the JavaScript the national page loads first.
//
//   node scripts/build-dashboard.mjs [--quiet]
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

process.env.NODE_ENV = 'production';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const { build } = await import('vite');
await build({
  configFile: join(root, 'apps', 'dashboard', 'vite.config.mts'),
  mode: 'production',
  logLevel: quiet ? 'warn' : 'info',
});

// The entry script and what index.html preloads are what a first visit downloads; lazy chunks
// (the true-shape map) come later, on demand.
const out = join(root, 'dist', 'dashboard');
const html = readFileSync(join(out, 'index.html'), 'utf8');
const first = [...html.matchAll(/(?:src|href)="\/dashboard\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gzipped = first.reduce((sum, file) => sum + gzipSync(readFileSync(join(out, file))).length, 0);
const lazy = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js') && !first.includes(`assets/${f}`));
console.log(
  `Dashboard built: first-load JavaScript ${(gzipped / 1024).toFixed(1)} kB gzipped (${first.join(', ')}); loaded on demand: ${lazy.join(', ') || 'nothing'}`,
);
