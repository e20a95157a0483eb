// The first load's weight: the entry chunk, every chunk it imports statically
// (transitively) and their CSS, gzipped, as listed in Vite's manifest. Lazy route
// chunks (dynamic imports) are not part of it. Exits 1 above the budget (issue 13).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 150 * 1024;
const dist = join(import.meta.dirname, "..", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) {
  console.error(`expected one entry chunk in the manifest, found ${entries.length}`);
  process.exit(1);
}

const files = new Set();
const seen = new Set();
/** @param {string} key */
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entries[0][0]);

let total = 0;
for (const file of [...files].sort()) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const verdict = total <= BUDGET ? "within" : "OVER";
console.log(
  `first load: ${(total / 1024).toFixed(1)} KB gzipped (JS + CSS), ${verdict} the ${BUDGET / 1024} KB budget`,
);
process.exit(total <= BUDGET ? 0 : 1);
