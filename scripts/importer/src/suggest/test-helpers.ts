import { expect } from 'vitest';
import { importSuggestion, type ImportSuggestion } from '@cus/shared/import';

// Shared checks of the suggestion tests: every suggestion fits the contract and its evidence
// points at the very words it quotes.

export function expectValidEvidence(text: string, suggestions: readonly ImportSuggestion[]): void {
  for (const s of suggestions) {
    expect(importSuggestion.safeParse(s).success, JSON.stringify(s)).toBe(true);
    const { excerpt, offset, context } = s.evidence;
    expect(text.slice(offset, offset + excerpt.length)).toBe(excerpt);
    expect(context.replace(/^…|…$/g, '')).toContain(excerpt.trim());
  }
}

export function only<K extends ImportSuggestion['kind']>(suggestions: readonly ImportSuggestion[], kind: K): Extract<ImportSuggestion, { kind: K }>[] {
  return suggestions.filter((s): s is Extract<ImportSuggestion, { kind: K }> => s.kind === kind);
}
