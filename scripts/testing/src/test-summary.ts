import fs from 'node:fs';
import path from 'node:path';

// Adds up the vitest JSON reports that every package writes to .test-results/ and prints
// one closing line: "tests: N passed, N failed, N skipped". Exits 1 when a test failed or
// when no test ran at all (a run that tests nothing must not look green). Names every failed
// test with the first lines of its error, so the end of a long CI log says what broke.

interface VitestJson {
  success: boolean;
  numFailedTestSuites: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  message?: string;
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[];
  }[];
}

const failures: string[] = [];
const firstLines = (text: string): string =>
  text.split('\n').slice(0, 6).map((line) => `      ${line}`).join('\n');

const dir = path.resolve(process.argv[2] ?? '.test-results');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as VitestJson;
  // A suite whose set-up failed fails no single test: count the suite itself.
  const failedHere = r.numFailedTests > 0 ? r.numFailedTests : r.success ? 0 : Math.max(1, r.numFailedTestSuites);
  passed += r.numPassedTests;
  failed += failedHere;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(`  ${path.basename(file, '.json')}: ${r.numPassedTests} passed, ${failedHere} failed`);
  for (const suite of r.testResults ?? []) {
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) {
      failures.push(`  ✗ ${path.relative(process.cwd(), suite.name)} › ${t.fullName}\n${firstLines(t.failureMessages?.[0] ?? '')}`);
    }
    // A file that failed before any test ran (set-up, import) has only the file's message.
    if (failedTests.length === 0 && suite.message) {
      failures.push(`  ✗ ${path.relative(process.cwd(), suite.name)}\n${firstLines(suite.message)}`);
    }
  }
}
if (failures.length > 0) console.log(`failed:\n${failures.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
