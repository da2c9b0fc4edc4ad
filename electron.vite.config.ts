import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // the core's thread is its own entry: main starts it with new Worker (core-host.ts)
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'core-worker': resolve(root, 'electron/core/worker/core-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // the window is sandboxed: the preload must be one CommonJS file with zod inside it
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // a font inlined as a data: URL is refused by the CSP's font-src 'self': fonts stay files
      assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
