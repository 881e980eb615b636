import { defineConfig } from 'vitest/config';

export default defineConfig({
  // reliability/ runs against a real server and Dovecot: `vitest run -c vitest.reliability.config.ts`.
  test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'] },
});
