import fs from 'node:fs';
import { ContractError, safeParseEntry, type BuildFailure, type BuildReport, type ExportSpec } from '@cus/shared';
import { StrapiRequestError } from './http.ts';

// What the build says to whoever runs it, as data: buildSite (scripts/site-build) sets
// SITE_BUILD_REPORT to a file and returns `{ failure: { type, slug, documentId, field, request,
// message }, search: { deferred } }` from it as the result's `report` (the publish pipeline takes
// the failure: scripts/publisher/src/rebuild/build-report.ts), so /status names the entry and
// field and nobody reads the log for facts.
// Without the variable (a developer's `astro build`) nothing is written: the log says it all.

export type { BuildFailure, BuildReport };

/** Adds to the build's report (read whole, changed, written whole: one build writes it at a time). */
function updateReport(change: (report: BuildReport) => void, env: NodeJS.ProcessEnv): void {
  const file = env.SITE_BUILD_REPORT?.trim();
  if (!file) return;
  try {
    let report: BuildReport = {};
    try {
      report = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildReport;
    } catch {
      // none yet
    }
    change(report);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  } catch {
    // The build's own error (or log line) still says it.
  }
}

/** Records the first failure of the build (later ones are consequences). */
export function reportBuildFailure(failure: BuildFailure, env: NodeJS.ProcessEnv = process.env): void {
  updateReport((report) => void (report.failure ??= failure), env);
}

/** Records that the build shipped the previous search index (site/src/integrations/search-index.ts). */
export function reportSearchDeferred(pagesInPreviousIndex: number, env: NodeJS.ProcessEnv = process.env): void {
  updateReport((report) => void (report.search = { deferred: true, pagesInPreviousIndex }), env);
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The entry's own names, for a failure. */
export function entryNames(raw: unknown): Pick<BuildFailure, 'slug' | 'documentId'> {
  const r = (raw ?? {}) as { slug?: unknown; documentId?: unknown };
  const slug = str(r.slug);
  const documentId = str(r.documentId);
  return { ...(slug ? { slug } : {}), ...(documentId ? { documentId } : {}) };
}

/** What stopped a collection's sync, from the error and the entries it read. */
export function failureOf(err: unknown, spec: Pick<ExportSpec, 'typeName' | 'schema'>, raws: readonly unknown[] = []): BuildFailure {
  if (err instanceof StrapiRequestError) return { type: 'request', request: err.request, message: err.message };
  if (err instanceof ContractError) {
    // The first entry that fails, with its first bad field.
    for (const raw of raws) {
      const r = safeParseEntry(spec.schema, spec.typeName, raw);
      if (!r.ok) {
        const issue = r.error.issues[0];
        return { type: spec.typeName, ...entryNames(raw), ...(issue ? { field: issue.path } : {}), message: issue?.message ?? err.message };
      }
    }
    const issue = err.issues[0];
    return { type: err.typeName, ...(issue ? { field: issue.path } : {}), message: err.message };
  }
  return { type: spec.typeName, message: (err as Error)?.message ?? String(err) };
}
