import { describe, expect, it } from 'vitest';
import { relevance } from './webhook-events.ts';
import { MAX_DEPTH, WebhookScanner, scanWebhook } from './webhook-scanner.ts';

// The webhook body scanner on its own: what it keeps, what it refuses, and that no body makes
// it throw. (The service fed these over HTTP: robustness.test.ts.)

const publish = (entry: Record<string, unknown>) => JSON.stringify({ event: 'entry.publish', createdAt: '2026-12-01T10:00:00.000Z', model: 'event', uid: 'api::event.event', entry });

describe('the webhook body scanner', () => {
  it('keeps the event, model, uid and the entry fields that decide a build, as JSON.parse reads them', () => {
    const body = publish({ id: 7, documentId: 'abc123', slug: 'konferencja-w-lodzi', title: 'Konferencja w \\u0141odzi \\ud83c\\udf89 „cudzysłów”', publishedAt: '2026-12-01T10:00:00.000Z', dates: [{ start: '2026-12-03' }], body: 'x'.repeat(10_000) });
    const scan = scanWebhook(body);
    expect(scan.error).toBeUndefined();
    const parsed = JSON.parse(body) as { entry: Record<string, unknown> };
    expect(scan.payload).toEqual({
      event: 'entry.publish',
      model: 'event',
      uid: 'api::event.event',
      entry: { documentId: 'abc123', slug: 'konferencja-w-lodzi', title: parsed.entry.title, publishedAt: '2026-12-01T10:00:00.000Z' },
    });
  });

  it('gives the same result whatever the chunking (one byte at a time)', () => {
    const body = Buffer.from(publish({ slug: 'zażółć-gęślą', publishedAt: null, nested: { slug: 'not-this-one', a: [1, -2.5e3, true, null, { b: 'c' }] } }));
    const scanner = new WebhookScanner();
    for (const byte of body) scanner.write(Uint8Array.of(byte));
    expect(scanner.end()).toEqual(scanWebhook(body));
    expect(scanWebhook(body).payload.entry).toEqual({ slug: 'zażółć-gęślą', publishedAt: null });
  });

  it('keeps only strings, never keys it was not asked for', () => {
    const scan = scanWebhook('{"__proto__":{"polluted":1},"event":{"x":1},"model":["event"],"constructor":"x","entry":{"__proto__":"y","slug":5}}');
    expect(scan.error).toBeUndefined();
    expect(scan.payload).toEqual({ entry: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(scan.payload)).toBe(Object.prototype);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[{"event":"entry.publish"}]'],
    ['a number', '42'],
    ['a string', '"entry.publish"'],
    ['true', 'true'],
  ])('marks a body that is %s as not an object', (_what, body) => {
    const scan = scanWebhook(body);
    expect(scan.error).toBeUndefined();
    expect(scan.notAnObject).toBe(true);
    expect(scan.payload).toEqual({});
  });

  it.each([
    ['garbage', 'not json at all'],
    ['a cut-short body', '{"event":"entry.publish","model":"ev'],
    ['an unclosed object', '{"event":"entry.publish"'],
    ['a trailing value', '{} {}'],
    ['a bad escape', '{"event":"\\x"}'],
    ['a bad literal', '{"event":tru}'],
    ['a mismatched bracket', '{"a":[1}'],
    ['a raw control character', '{"event":"a\u0001b"}'],
    ['only spaces', '   '],
  ])('reports %s as an error, without throwing', (_what, body) => {
    const scan = scanWebhook(body);
    expect(scan.error).toBeTruthy();
  });

  it('refuses nesting past its depth limit, and reads 100,000 levels in bounded time without a stack overflow', () => {
    const deep = `{"event":"entry.publish","model":"event","entry":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const scan = scanWebhook(deep);
    expect(scan.error).toMatch(new RegExp(`deeper than ${MAX_DEPTH}`));
    // What came before the error is kept: it is an entry event of a site model.
    expect(scan.payload).toMatchObject({ event: 'entry.publish', model: 'event' });
  });

  it('keeps no control character (a kept value is logged)', () => {
    const scan = scanWebhook('{"event":"entry.publish\\n[rebuild] forged line","model":"event\\u2028x"}');
    expect(scan.payload).toEqual({ event: 'entry.publish\ufffd[rebuild] forged line', model: 'event\ufffdx' });
  });

  it('reads invalid UTF-8 as replacement characters', () => {
    const body = Buffer.concat([Buffer.from('{"event":"entry.publish","model":"event","entry":{"slug":"a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('b","publishedAt":"2026-01-01"}}')]);
    const scan = scanWebhook(body);
    expect(scan.error).toBeUndefined();
    expect(scan.payload.entry?.slug).toBe('a\ufffd\ufffd\ufffdb');
  });

  it('keeps memory bounded for a 64 MiB string: only 512 characters of a kept value', () => {
    const scanner = new WebhookScanner();
    scanner.write(Buffer.from('{"event":"entry.publish","model":"event","entry":{"title":"'));
    const block = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 64; i++) scanner.write(block);
    scanner.write(Buffer.from('","publishedAt":"2026-01-01T00:00:00.000Z"}}'));
    const scan = scanner.end();
    expect(scan.error).toBeUndefined();
    expect(scan.payload.entry?.title).toHaveLength(512);
    expect(scan.payload.entry?.publishedAt).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('which webhooks build', () => {
  const at = '2026-12-01T10:00:00.000Z';
  it('builds a publish, an unpublish and the delete of a published row; not a draft save nor the delete of a draft row', () => {
    expect(relevance(undefined, { event: 'entry.publish', model: 'event', entry: { slug: 'a', publishedAt: at } }).relevant).toBe(true);
    expect(relevance(undefined, { event: 'entry.unpublish', model: 'event', entry: { slug: 'a', publishedAt: null } }).relevant).toBe(true);
    expect(relevance(undefined, { event: 'entry.delete', model: 'event', entry: { slug: 'a', publishedAt: at } }).relevant).toBe(true);
    expect(relevance(undefined, { event: 'entry.delete', model: 'event', entry: { slug: 'a', publishedAt: null } })).toMatchObject({ relevant: false, why: expect.stringMatching(/draft row/) });
    expect(relevance(undefined, { event: 'entry.update', model: 'event', entry: { slug: 'a', publishedAt: null } }).relevant).toBe(false);
    // Types without drafts: every change shows.
    expect(relevance(undefined, { event: 'entry.delete', model: 'speaker', entry: { slug: 'a' } }).relevant).toBe(true);
  });

  it('never takes a prototype key for a content type', () => {
    for (const model of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(relevance(undefined, { event: 'entry.publish', model, entry: { publishedAt: at } }).relevant, model).toBe(false);
    }
  });

  it('builds an unreadable body from the secret holder when it is an entry event of the site (or of no model read yet)', () => {
    expect(relevance('entry.publish', {}, 'nested deeper than 512 levels').relevant).toBe(true);
    expect(relevance(undefined, { event: 'entry.publish', model: 'event', entry: {} }, 'cut short').relevant).toBe(true);
    expect(relevance(undefined, { event: 'entry.publish', model: 'user' }, 'cut short').relevant).toBe(false);
    expect(relevance(undefined, {}, 'garbage').relevant).toBe(false);
  });
});
