// Builds the API (`nest build api`) and the dashboard (Vite, into dist/dashboard) only when their
// inputs changed since the last build by this script, so a second `npm start` starts at once. Each
// fingerprint covers the sources (path, size, modification time) and the build configuration; it
// is written into dist/ after a successful build, so `nest build` (which empties dist/, dashboard
// included) or a failed build forces the next one.
//
//   node scripts/build-if-changed.mjs [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', '.build-inputs');
const dashboardStampFile = join(root, 'dist', 'dashboard', '.build-inputs');
const CONFIG = ['package.json', 'package-lock.json', 'tsconfig.json', 'nest-cli.json', 'apps/api/tsconfig.app.json'];
const NOT_COMPILED = /\.(spec|int-spec|e2e-spec)\.ts$/;

function sources(dir) {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sources(path);
    }
    return entry.isFile() && !NOT_COMPILED.test(entry.name) ? [path] : [];
  });
}

function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\n`);
  }
  return { value: hash.digest('hex'), files: files.length };
}

function apiInputs() {
  const libs = readdirSync(join(root, 'libs')).filter((name) => name !== 'testing');
  return [
    ...CONFIG.map((file) => join(root, file)).filter((file) => existsSync(file)),
    ...sources(join(root, 'apps', 'api', 'src')),
    ...libs.flatMap((name) => sources(join(root, 'libs', name, 'src'))),
  ].sort();
}

function dashboardInputs() {
  const dashboard = join(root, 'apps', 'dashboard');
  return [
    ...['package.json', 'package-lock.json', 'scripts/build-dashboard.mjs'].map((file) => join(root, file)),
    ...['index.html', 'vite.config.mts', 'tsconfig.json'].map((file) => join(dashboard, file)),
    ...sources(join(dashboard, 'src')),
    ...sources(join(root, 'seeds', 'maps')),
  ]
    .filter((file) => existsSync(file))
    .sort();
}

function current(stamp, inputs, output) {
  const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  return !process.argv.includes('--force') && existsSync(output) && previous === inputs.value;
}

const started = Date.now();
const api = fingerprint(apiInputs());
if (current(stampFile, api, join(root, 'dist', 'apps', 'api', 'src', 'main.js'))) {
  console.log(`API build is current (${api.files} inputs checked in ${Date.now() - started} ms): not rebuilding`);
} else {
  const nest = join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
  const result = spawnSync(process.execPath, [nest, 'build', 'api'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, `${api.value}\n`);
  console.log(`API built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const dashboardStarted = Date.now();
const dashboard = fingerprint(dashboardInputs());
if (current(dashboardStampFile, dashboard, join(root, 'dist', 'dashboard', 'index.html'))) {
  console.log(`Dashboard build is current (${dashboard.files} inputs checked): not rebuilding`);
} else {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-dashboard.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
  writeFileSync(dashboardStampFile, `${dashboard.value}\n`);
  console.log(`Dashboard built in ${((Date.now() - dashboardStarted) / 1000).toFixed(1)} s`);
}
