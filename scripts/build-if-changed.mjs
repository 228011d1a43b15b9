// Builds the API (`nest build api`) only when its inputs changed since the last build by this
// script, so a second `npm start` starts at once. The fingerprint covers every compiled source
// (path, size, modification time) and the build configuration; it is written into dist/ after a
// successful build, so `nest build` (which empties dist/) or a failed build forces the next one.
//
//   node scripts/build-if-changed.mjs [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', '.build-inputs');
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

function fingerprint() {
  const libs = readdirSync(join(root, 'libs')).filter((name) => name !== 'testing');
  const files = [
    ...CONFIG.map((file) => join(root, file)).filter((file) => existsSync(file)),
    ...sources(join(root, 'apps', 'api', 'src')),
    ...libs.flatMap((name) => sources(join(root, 'libs', name, 'src'))),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\n`);
  }
  return { value: hash.digest('hex'), files: files.length };
}

const started = Date.now();
const inputs = fingerprint();
const built = existsSync(join(root, 'dist', 'apps', 'api', 'src', 'main.js'));
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
if (!process.argv.includes('--force') && built && previous === inputs.value) {
  console.log(`Build is current (${inputs.files} inputs checked in ${Date.now() - started} ms): not rebuilding`);
  process.exit(0);
}

const nest = join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
const result = spawnSync(process.execPath, [nest, 'build', 'api'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, `${inputs.value}\n`);
console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
