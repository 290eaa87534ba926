import fs from 'node:fs';
import path from 'node:path';

// Adds up the vitest JSON reports that every package writes to .test-results/ and prints
// one closing line: "tests: N passed, N failed, N skipped". Exits 1 when a test failed or
// when no test ran at all (a run that tests nothing must not look green).

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const dir = path.resolve(process.argv[2] ?? '.test-results');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as VitestJson;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(`  ${path.basename(file, '.json')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
