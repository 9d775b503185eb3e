import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // Vitest's default is one worker less than the cores: one on a 2-core CI machine, where the unit files (many of
    // them waiting on PostgreSQL) then run one after another. Integration files run one at a time regardless
    // (fileParallelism: false below).
    maxWorkers: Math.max(availableParallelism(), 2),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "i18n/**/*.test.ts",
            "components/**/*.test.ts",
            "app/**/*.test.ts",
            "cli/**/*.test.ts",
            "bench/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          environment: "node",
          // Several unit files run a dozen transactions against PostgreSQL in one test: over Vitest's 5 s on a loaded
          // 2-core machine.
          testTimeout: 20_000,
          // Some unit files make a database with every migration in beforeAll: on a loaded 2-core machine, over 10 s.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // One built app serves every integration file; files run one at a time against it.
          fileParallelism: false,
        },
      },
    ],
  },
});
