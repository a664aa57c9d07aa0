import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The API (Nest + socket.io) listens on :3000 in development; the browser only ever talks to
// the Vite origin so cookies (session, CSRF) stay same-origin as in production.
const apiTarget = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@hamandishi/contracts': here('../libs/contracts/src/index.ts'),
      '@hamandishi/text': here('../libs/text/src/index.ts'),
      '@': here('./src'),
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
});
