// Prints the JavaScript a browser downloads on the first load of the built app (the entry module
// and every modulepreload link in dist/index.html), gzipped, and fails above the budget.
// Runtime plugins and lazily loaded pages come on top of this.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const BUDGET_KB = 250;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

const urls = [
  ...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"/g),
].map((match) => match[1]);

const kb = (bytes) => bytes / 1024;
let raw = 0;
let gzipped = 0;
const rows = urls.map((url) => {
  const content = fs.readFileSync(path.join(dist, url.replace(/^\//, '')));
  const gz = zlib.gzipSync(content, { level: 9 }).length;
  raw += content.length;
  gzipped += gz;
  return { file: url, kb: kb(content.length), gzKb: kb(gz) };
});

rows.sort((a, b) => b.gzKb - a.gzKb);
for (const row of rows) console.log(`${row.gzKb.toFixed(1).padStart(7)} KB gz ${row.kb.toFixed(1).padStart(8)} KB  ${row.file}`);
console.log(`first load: ${urls.length} files, ${kb(raw).toFixed(1)} KB, ${kb(gzipped).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (kb(gzipped) > BUDGET_KB) {
  console.error('The first load is over budget.');
  process.exit(1);
}
