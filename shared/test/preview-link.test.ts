import { describe, expect, it } from 'vitest';
import { signPreview, verifyPreview } from '../src/preview-link.js';

describe('preview links', () => {
  const secret = 'a-long-random-secret';
  const now = Date.UTC(2026, 10, 22, 12);

  it('accept what they signed, before it expires', () => {
    const q = new URLSearchParams(signPreview('wydarzenia', 'abc123def456ghi789', secret, 3600, now));
    expect(verifyPreview('wydarzenia', 'abc123def456ghi789', q, secret, now + 1000)).toBe('ok');
    expect(verifyPreview('wydarzenia', 'abc123def456ghi789', q, secret, now + 3601_000)).toBe('expired');
  });

  it('refuse another entry, another kind, another secret, a changed expiry or no signature', () => {
    const q = new URLSearchParams(signPreview('wydarzenia', 'abc123def456ghi789', secret, 3600, now));
    expect(verifyPreview('wydarzenia', 'zzz123def456ghi789', q, secret, now)).toBe('invalid');
    expect(verifyPreview('osoby', 'abc123def456ghi789', q, secret, now)).toBe('invalid');
    expect(verifyPreview('wydarzenia', 'abc123def456ghi789', q, 'another-secret', now)).toBe('invalid');
    const later = new URLSearchParams(q);
    later.set('exp', String(Number(q.get('exp')) + 86400));
    expect(verifyPreview('wydarzenia', 'abc123def456ghi789', later, secret, now)).toBe('invalid');
    expect(verifyPreview('wydarzenia', 'abc123def456ghi789', new URLSearchParams(), secret, now)).toBe('invalid');
    expect(verifyPreview('wydarzenia', 'abc123def456ghi789', q, '', now)).toBe('invalid');
  });
});
