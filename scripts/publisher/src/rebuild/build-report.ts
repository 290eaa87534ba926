import type { BuildFailure } from '@cus/shared';

// What a failed site build says about why, as data: the site's loader writes it into the build's
// report (site/src/loader/build-report.ts), buildSite returns it (`report`), and the publish
// pipeline takes the failure from it, so /status names the entry and field rather than an exit code.

export type { BuildFailure };

const text = (v: unknown, max = 2000): string | undefined => (typeof v === 'string' && v ? v.slice(0, max) : undefined);

/** The failure a build reported (`SiteBuildResult.report`), checked and clipped; null when it reported none usable. */
export function buildFailureOf(report: unknown): BuildFailure | null {
  const f = (report as { failure?: Record<string, unknown> } | null | undefined)?.failure;
  const type = text(f?.type, 100);
  const message = text(f?.message);
  if (!f || !type || !message) return null;
  const out: BuildFailure = { type, message };
  for (const k of ['slug', 'documentId', 'field', 'request'] as const) {
    const v = text(f[k], 500);
    if (v) out[k] = v;
  }
  return out;
}

/** One line for the log and /status's `error`: entry and field first. */
export function describeFailure(f: BuildFailure): string {
  const entry = [f.slug ? `"${f.slug}"` : '', f.documentId ? `(documentId ${f.documentId})` : ''].filter(Boolean).join(' ');
  if (f.type === 'request') return f.message;
  return `${f.type}${entry ? ` ${entry}` : ''}${f.field ? `, field ${f.field}` : ''}: ${f.message}`;
}
