// Fails loudly when a native module did not build or load (npm only warns about install scripts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const problems = [];
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').prepare('select 1').get();
} catch (error) {
  problems.push(`better-sqlite3 did not build: ${error.message} (needs python3, make and g++; run 'npm rebuild better-sqlite3')`);
}
try {
  const av = await import('node-av');
  if (typeof av.Decoder !== 'function') throw new Error('no Decoder export');
} catch (error) {
  problems.push(`node-av did not load: ${error.message}`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(`check-native: ${p}`);
  process.exit(1);
}
console.log('check-native: better-sqlite3 and node-av load');
