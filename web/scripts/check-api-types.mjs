// Fails when src/api/schema.d.ts differs from what openapi-typescript generates from
// schemas/openapi.yaml today (the app and the spec drifted: run `npm run gen:api`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const fresh = join(mkdtempSync(join(tmpdir(), 'sp-api-')), 'schema.d.ts');
execFileSync(process.execPath, [join(web, 'node_modules/openapi-typescript/bin/cli.js'),
  join(web, '../schemas/openapi.yaml'), '-o', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
const committed = readFileSync(join(web, 'src/api/schema.d.ts'), 'utf8');
if (readFileSync(fresh, 'utf8') !== committed) {
  console.error('web/src/api/schema.d.ts is stale: schemas/openapi.yaml changed. Run `npm run gen:api` in web/.');
  process.exit(1);
}
console.log('web/src/api/schema.d.ts matches schemas/openapi.yaml');
