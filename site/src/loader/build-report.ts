import fs from 'node:fs';
import { ContractError, safeParseEntry, type BuildFailure, type ExportSpec } from '@cus/shared';
import { StrapiRequestError } from './http.ts';

// Why the build stopped, as data for whoever runs it: the publish pipeline sets SITE_BUILD_REPORT
// to a file and reads `{ failure: { type, slug, documentId, field, request, message } }` from it
// (scripts/publisher/src/rebuild/build-report.ts), so its /status names the entry and field. Without the
// variable (a developer's `astro build`) nothing is written: the error message says it all.

export type { BuildFailure };

/** Records the first failure of the build (later ones are consequences). */
export function reportBuildFailure(failure: BuildFailure, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.SITE_BUILD_REPORT?.trim();
  if (!file || fs.existsSync(file)) return;
  try {
    fs.writeFileSync(file, `${JSON.stringify({ failure }, null, 2)}\n`);
  } catch {
    // The error itself still stops the build and is printed.
  }
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
