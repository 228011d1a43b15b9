import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The API `npm run dev` proxies to (GraphQL over HTTP and WebSocket, the CSV). */
const api = process.env.DASHBOARD_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

// Built into dist/dashboard, which the API serves at /dashboard with a strict CSP: no inline
// script (Vite's module preload polyfill is one), everything from this origin.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: `${projectRoot}dist/dashboard`,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DASHBOARD_DEV_PORT ?? 5173),
    strictPort: true,
    fs: { allow: [projectRoot] },
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      '/coverage.csv': { target: api },
    },
  },
});
