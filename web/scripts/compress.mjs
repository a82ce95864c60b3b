// Precompresses every text asset of the build (.br and .gz beside each file) so the gateway
// serves them without compressing per request. Node's own zlib: no extra package.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const out = process.env.SP_WEB_OUT || 'dist';
const compressible = /\.(html|js|mjs|css|svg|json|txt|map|webmanifest)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (compressible.test(name)) {
      const bytes = readFileSync(path);
      writeFileSync(path + '.br', brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }));
      writeFileSync(path + '.gz', gzipSync(bytes, { level: 9 }));
    }
  }
}
walk(out);
