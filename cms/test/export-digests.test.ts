import { describe, expect, it } from 'vitest';
import { digestOf, jsonDigest as digestOfBytes } from '../src/export-records/records';

const jsonDigest = (json: string) => digestOfBytes(Buffer.from(json));

// The version the site keeps of each exported entry: the digest kept with its export record,
// combined with what the answer adds (the share card), so it moves whenever the bytes sent do.

describe('export digests', () => {
  const json = JSON.stringify({ documentId: 'a1', title: 'Konferencja' });

  it('is the JSON digest alone when the answer adds nothing', () => {
    expect(digestOf(jsonDigest(json), [])).toBe(jsonDigest(json));
    expect(jsonDigest(json)).toBe(jsonDigest(JSON.stringify({ documentId: 'a1', title: 'Konferencja' })));
    expect(jsonDigest(json)).not.toBe(jsonDigest(JSON.stringify({ documentId: 'a1', title: 'Konferencja!' })));
  });

  it('moves with the share card as well as with the entry', () => {
    const card = JSON.stringify({ url: '/uploads/og-1.png', width: 1200, height: 630, mime: 'image/png' });
    const withCard = digestOf(jsonDigest(json), [card]);
    expect(withCard).not.toBe(digestOf(jsonDigest(json), ['null']));
    expect(withCard).not.toBe(digestOf(jsonDigest(json), [card.replace('og-1', 'og-2')]));
    expect(withCard).not.toBe(digestOf(jsonDigest(JSON.stringify({ documentId: 'a1', title: 'Inny' })), [card]));
    expect(withCard).toBe(digestOf(jsonDigest(json), [card]));
  });
});
