// One Vite-based build for the three bundles: main (Electron main, CLI, browser host, workers),
// preload (CommonJS, because sandboxed preloads cannot be ES modules) and the React renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          electron: resolve('main/electron/main.ts'),
          cli: resolve('main/cli/cxw.ts'),
          worker: resolve('main/jobs/worker.ts'),
          // The CSV import's parse stage (main/workspace/import/pipeline.ts looks for it beside the bundle).
          'import-parser': resolve('main/workspace/import/parse-worker.ts'),
          // The k-means helper threads (main/workspace/segments/kmeans-pool.ts): only the block kernels, so they start fast.
          'kmeans-helper': resolve('main/jobs/kmeans-helper.ts'),
          // The segmentation's side-metrics helper thread (main/workspace/segments/side-metrics.ts), likewise.
          'side-metrics-helper': resolve('main/jobs/side-metrics-helper.ts'),
          // The gradient-boosting histogram helper threads (main/workspace/predict/gbdt-pool.ts), likewise.
          'gbdt-helper': resolve('main/jobs/gbdt-helper.ts'),
          // The prediction training's helper thread: permutation importance (main/workspace/predict/importance-helper.ts).
          'predict-helper': resolve('main/jobs/predict-helper.ts'),
          // The drift job's helper thread, reading the current wave (main/workspace/monitor/drift/wave-helper.ts).
          'drift-helper': resolve('main/jobs/drift-helper.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // Chunks stay beside the entries so import.meta.url-relative paths (worker, renderer) are stable.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve('main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
