import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The W3C Nu HTML Checker (npm vnu-jar, run by Debian's Java: ./scripts/test installs
// default-jre-headless when missing). One JVM checks every file given.

const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

export interface VnuMessage {
  file: string;
  line?: number;
  message: string;
  extract?: string;
}

/** Every HTML file under a folder, as paths. */
export function htmlFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The checker's errors (warnings left out) over the files; relative to `root` in the messages. */
export async function vnuErrors(files: string[], root: string): Promise<VnuMessage[]> {
  const output = await new Promise<string>((resolve, reject) => {
    // vnu writes its JSON report to stderr and exits 1 when it found errors: both expected.
    execFile('java', ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error('java was not found: ./scripts/test installs default-jre-headless'));
      else resolve(stderr);
    });
  });
  let report: { messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
  try {
    report = JSON.parse(output) as typeof report;
  } catch {
    throw new Error(`vnu did not report in JSON:\n${output.slice(0, 2000)}`);
  }
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => ({ file: m.url ? path.relative(root, decodeURIComponent(new URL(m.url).pathname)) : '?', line: m.lastLine, message: m.message, extract: m.extract }));
}

/** One line per message, for a failing assertion to show. */
export const formatVnu = (messages: VnuMessage[]) => messages.map((m) => `${m.file}:${m.line ?? '?'}: ${m.message}${m.extract ? ` [${m.extract.trim()}]` : ''}`);
