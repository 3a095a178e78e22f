import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two workers even on two cores: the unit files (CPU-bound) run beside the end-to-end files,
    // which mostly wait on processes, sockets and timers and still run one at a time.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // The EN 16931 rule texts come from the official Schematron, as at gateway start-up.
          setupFiles: ['test/support/load-rule-texts.ts'],
          // Parity tests run the official XSLT under SaxonJS, which is slow on large invoices.
          testTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/load-rule-texts.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
