// Fails when src/api/schema.d.ts is not what openapi-typescript makes of openapi.json
// (the committed types drifted from the committed schema). `npm run types` fixes it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "portail-types-"));
const fresh = join(scratch, "schema.d.ts");
try {
  execFileSync(
    join(root, "node_modules", ".bin", "openapi-typescript"),
    ["openapi.json", "--output", fresh],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  const committed = readFileSync(join(root, "src", "api", "schema.d.ts"), "utf8");
  if (readFileSync(fresh, "utf8") !== committed) {
    console.error("src/api/schema.d.ts differs from openapi.json: run `npm run types`.");
    process.exit(1);
  }
  console.log("src/api/schema.d.ts matches openapi.json");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
