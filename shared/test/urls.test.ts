import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../src/urls.js';

describe('isSafeUrl', () => {
  it('accepts absolute http(s) addresses with a host', () => {
    expect(isSafeUrl('https://cus.gov.pl/relacje?x=1#a')).toBe(true);
    expect(isSafeUrl('http://127.0.0.1:4321/')).toBe(true);
  });
  it('refuses every other scheme, relative and protocol-relative addresses', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', '//evil.example/x', '/wydarzenia/', 'cus.gov.pl', 'https://', 'java\nscript:x', 'https://cus.gov.pl/a b', '']) {
      expect(isSafeUrl(bad), bad).toBe(false);
    }
  });
  it('accepts mailto: only for an e-mail link', () => {
    expect(isSafeUrl('mailto:biuro@cus.gov.pl')).toBe(false);
    expect(isSafeUrl('mailto:biuro@cus.gov.pl', 'email-link')).toBe(true);
    expect(isSafeUrl('mailto:nikt', 'email-link')).toBe(false);
  });
});
