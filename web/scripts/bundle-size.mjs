// The initial JavaScript of the app: the entry script of index.html plus every module it
// preloads, gzip-compressed as served. Fails above the budget (bytes, default 60 KB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [out = 'dist', budgetArg = '61440'] = process.argv.slice(2);
const budget = Number(budgetArg);
const html = readFileSync(join(out, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]);
const files = [...new Set([...scripts, ...preloads])];
if (scripts.length === 0) {
  console.error('index.html has no entry script');
  process.exit(1);
}
let total = 0;
for (const f of files) {
  const size = gzipSync(readFileSync(join(out, f)), { level: 9 }).length;
  total += size;
  console.log(`${f}: ${(size / 1024).toFixed(1)} KB gzip`);
}
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip (budget ${(budget / 1024).toFixed(0)} KB)`);
if (total > budget) {
  console.error('over the budget: move cold code behind a dynamic import()');
  process.exit(1);
}
