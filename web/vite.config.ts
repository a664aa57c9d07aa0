import { fileURLToPath, URL } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The API (Nest + socket.io) listens on :3000 in development; the browser only ever talks to
// the Vite origin so cookies (session, CSRF) stay same-origin as in production.
const apiTarget = 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    // Every text asset is written a second and third time, as .br and .gz, at the highest levels:
    // the server sends those files as they are (no compression per request), and a phone on 3G
    // downloads about a quarter of the bytes.
    compression({
      include: /\.(js|css|html|svg|json|txt|webmanifest)$/,
      threshold: 512,
      skipIfLargerOrEqual: true,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
    }),
  ],
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
    // Read by scripts/bundle-report.mjs to follow what each page loads before it can show anything.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The small shared components (cards, alerts, headings) as one chunk rather than one
            // request each: on 3G every extra request waits its own 400 ms. The Radix-based ones
            // stay apart so a page without a select or dialog never downloads Radix.
            {
              name: 'components',
              test: /[\\/]web[\\/]src[\\/]components[\\/](?!(select|dialog|tabs|toast-list|language-menu)\.)/,
            },
          ],
        },
      },
      treeshake: {
        // Modules that only declare things, so a page gets only what it uses: the shared contracts
        // (one error-code list must not bring every zod schema, and zod) and the shared components
        // (the `@/components` index must not bring Radix Select and Dialog to a page without them).
        moduleSideEffects: (id: string) => {
          if (/\.css($|\?)/.test(id)) return true;
          if (/[\\/]libs[\\/](contracts|text)[\\/]src[\\/]/.test(id)) return false;
          if (/[\\/]web[\\/]src[\\/]components[\\/]/.test(id)) return false;
          return undefined;
        },
      },
    },
  },
});
