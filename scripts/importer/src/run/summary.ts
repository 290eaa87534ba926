import fs from 'node:fs';
import path from 'node:path';
import { ITEM_STATUS_LABELS, type ItemOutcome, type ItemStatus } from './outcome.ts';
import { count, ITEMS, PHOTOS, SUGGESTIONS, WARNINGS } from './polish.ts';

// The end of a run: what happened to every entry, for the administrator (summary.txt and the
// same text on stdout, Polish) and for tools (summary.json: every item with its key, title,
// old and new address, status, documentId, warnings, suggestion and image counts).

export interface RunSummary {
  system: 'wordpress' | 'joomla';
  /** The file or the address read. */
  source: string;
  siteTitle?: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  /** Items read per second (conversion, suggestions, images, CMS). */
  itemsPerSecond: number;
  counts: Partial<Record<ItemStatus, number>>;
  /** A failure that stopped the run (the CMS went away, the source broke off), Polish. */
  fatal?: string;
  /** What the fatal failure came from. */
  stoppedBy?: 'cms' | 'source' | 'user';
  items: ItemOutcome[];
}

const SKIPPED_TITLES_SHOWN = 5;

export const SUMMARY_FILES = { json: 'summary.json', text: 'summary.txt' } as const;

export function countStatuses(items: ItemOutcome[]): Partial<Record<ItemStatus, number>> {
  const counts: Partial<Record<ItemStatus, number>> = {};
  for (const item of items) counts[item.status] = (counts[item.status] ?? 0) + 1;
  return counts;
}

/** "[12/140] utworzono szkic: Konferencja … (2 zdjęcia, 3 propozycje)". */
export function progressLine(o: ItemOutcome, total?: number): string {
  const at = `[${o.n ?? '–'}${total ? `/${total}` : ''}]`;
  const label = ITEM_STATUS_LABELS[o.status];
  if (o.status === 'failed' || o.status === 'skipped') return `${at} ${label}: ${o.title}${o.message ? ` — ${o.message}` : ''}`;
  // Kept reports were not even read again: nothing to count.
  if (o.status === 'kept_edited' || o.status === 'kept_published') return `${at} ${label}: ${o.title}`;
  const details: string[] = [];
  // Photos brought in; a dry run fetches nothing and counts the photos the report would bring.
  if (o.status === 'created' || o.status === 'updated') details.push(count(o.images.uploaded + o.images.reused, PHOTOS));
  if (o.status === 'would_create' || o.status === 'would_update') details.push(count(o.images.found, PHOTOS));
  details.push(count(o.suggestions, SUGGESTIONS));
  if (o.warnings.length > 0) details.push(count(o.warnings.length, WARNINGS));
  return `${at} ${label}: ${o.title} (${details.join(', ')})`;
}

const ORDER: ItemStatus[] = ['created', 'updated', 'unchanged', 'kept_edited', 'kept_published', 'would_create', 'would_update', 'skipped', 'failed'];

export function summaryText(s: RunSummary): string {
  const lines: string[] = [];
  lines.push(`Import z ${s.system === 'wordpress' ? 'WordPressa' : 'Joomli'}: ${s.source}${s.siteTitle ? ` („${s.siteTitle}”)` : ''}`);
  if (s.dryRun) lines.push('Próba (--dry-run): w CMS nic nie zapisano.');
  lines.push(`Początek: ${s.startedAt}, koniec: ${s.finishedAt}; ${count(s.items.length, ITEMS)}, ${s.itemsPerSecond.toFixed(1).replace('.', ',')} wpisu/s.`);
  lines.push('');
  for (const status of ORDER) {
    const n = s.counts[status];
    if (n) lines.push(`  ${ITEM_STATUS_LABELS[status]}: ${n}`);
  }
  if (s.fatal) lines.push('', `Import przerwano: ${s.fatal}`);

  const failed = s.items.filter((i) => i.status === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Błędy:');
    for (const i of failed) lines.push(`  - ${i.title}${i.key ? ` (${i.key})` : ''}${i.oldUrl ? ` ${i.oldUrl}` : ''}: ${i.message ?? ''}`);
  }
  const skipped = s.items.filter((i) => i.status === 'skipped');
  if (skipped.length > 0) {
    // Grouped by reason: an export holds thousands of attachments.
    lines.push('', 'Pominięte (według powodu):');
    const byReason = new Map<string, string[]>();
    for (const i of skipped) byReason.set(i.message ?? '', [...(byReason.get(i.message ?? '') ?? []), i.title]);
    for (const [reason, titles] of byReason) {
      const named = titles.slice(0, SKIPPED_TITLES_SHOWN).map((t) => `„${t}”`).join(', ');
      const more = titles.length > SKIPPED_TITLES_SHOWN ? ` i jeszcze ${titles.length - SKIPPED_TITLES_SHOWN}` : '';
      lines.push(`  - ${reason}: ${titles.length} (${named}${more})`);
    }
  }
  const warned = s.items.filter((i) => i.warnings.length > 0 && i.status !== 'failed');
  if (warned.length > 0) {
    lines.push('', 'Ostrzeżenia:');
    for (const i of warned) {
      lines.push(`  ${i.title}${i.newUrl ? ` → ${i.newUrl}` : ''}:`);
      for (const w of i.warnings) lines.push(`    - ${w.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function writeSummary(outDir: string, summary: RunSummary): { json: string; text: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, SUMMARY_FILES.json);
  const text = path.join(outDir, SUMMARY_FILES.text);
  fs.writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  fs.writeFileSync(text, summaryText(summary));
  return { json, text };
}
