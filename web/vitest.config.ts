import { defineConfig } from "vitest/config";

// Pure logic only (formatting, errors, menu): no DOM, no plugins.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
