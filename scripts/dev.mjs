// `npm run dev`: the API in watch mode (`nest start api --watch`, port PORT or 3000) and the
// dashboard's Vite dev server with hot reload (http://127.0.0.1:5173/dashboard/), which proxies
// /graphql (HTTP and WebSocket) and /coverage.csv to that API. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = [
  spawn(process.execPath, [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'start', 'api', '--watch'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      '--config',
      join(root, 'apps', 'dashboard', 'vite.config.mts'),
    ],
    { cwd: root, stdio: 'inherit' },
  ),
];

let stopping = false;
const stop = (code) => {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill('SIGINT');
    }
  }
  process.exitCode = code;
};
for (const child of children) {
  child.on('exit', (code) => stop(code ?? 1)); // one stopped: stop the other too
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
