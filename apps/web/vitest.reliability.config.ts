import { defineConfig } from 'vitest/config';

/**
 * The outbox's reliability figures: the real replay code (fake-indexeddb) against a real
 * Petrel server and a private Dovecot behind a fault-injecting proxy, all on loopback.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['reliability/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
