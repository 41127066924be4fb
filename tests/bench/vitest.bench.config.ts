// Measurements written as vitest files (they import the TypeScript sources directly), kept out of the test
// suite: `npx vitest run --config tests/bench/vitest.bench.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['tests/bench/**/*.test.ts'], environment: 'node', testTimeout: 600_000, pool: 'forks' },
});
