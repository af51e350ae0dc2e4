/** `npm run schema`: writes the generated JSON Schema to schema/ (committed; a test keeps it current). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipelineSchema, SCHEMA_FILE } from './schema.ts';

export function schemaText(): string {
  return `${JSON.stringify(pipelineSchema(), null, 2)}\n`;
}

export const schemaPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', SCHEMA_FILE);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(schemaPath), { recursive: true });
  writeFileSync(schemaPath, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
