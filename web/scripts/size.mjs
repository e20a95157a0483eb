// The first load's weight, as listed in Vite's manifest, gzipped: the entry chunk and
// every chunk it imports statically (transitively) with their CSS, the chunks the
// shell itself loads lazily on every visit (the coupon outbox of care workers), and
// the page opened, whichever route's chunk weighs most (its static imports with it).
// What a page loads on demand (pdf.js when signing) is not part of it. Exits 1 above
// the budget (issue 13).
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
const [entryKey, entry] = entries[0];

/**
 * The files of a chunk and of every chunk it imports statically, with their CSS.
 * @param {string} key
 * @param {Set<string>} [files]
 * @param {Set<string>} [seen]
 * @returns {Set<string>}
 */
const closure = (key, files = new Set(), seen = new Set()) => {
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, files, seen);
  return files;
};

/** @type {Map<string, number>} */
const sizes = new Map();
/** @param {string} file */
const gzipped = (file) => {
  if (!sizes.has(file)) {
    sizes.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  }
  return /** @type {number} */ (sizes.get(file));
};
/** @param {Set<string>} files */
const weight = (files) => [...files].reduce((total, file) => total + gzipped(file), 0);

/** @param {string} key */
const isRoute = (key) => key.includes("/routes/");
/** @type {string[]} */
const lazy = entry.dynamicImports ?? [];
const shell = closure(entryKey);
for (const key of lazy.filter((key) => !isRoute(key))) closure(key, shell);

let heaviest = null;
for (const key of lazy.filter(isRoute)) {
  const added = new Set([...closure(key)].filter((file) => !shell.has(file)));
  const extra = weight(added);
  if (!heaviest || extra > heaviest.extra) heaviest = { key, added, extra };
}

const files = new Set([...shell, ...(heaviest?.added ?? [])]);
for (const file of [...files].sort()) {
  console.log(`${(gzipped(file) / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const total = weight(files);
const verdict = total <= BUDGET ? "within" : "OVER";
console.log(
  `first load: ${(total / 1024).toFixed(1)} KB gzipped (JS + CSS; the heaviest page: ` +
    `${heaviest?.key ?? "none"}), ${verdict} the ${BUDGET / 1024} KB budget`,
);
process.exit(total <= BUDGET ? 0 : 1);
