import { defineConfig } from 'vitest/config';

// Run every test in a time zone far from UTC and from the practices under test, so
// that any accidental use of the process's local time shows up as a failure.
process.env.TZ = 'Pacific/Chatham';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
