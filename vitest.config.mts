import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['src-main/dialects/conformance/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the live database suites are heavier than the CPU count suggests.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: '.reports/unit.json' }]],
  },
});
