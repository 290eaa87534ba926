import { describe, expect, it } from 'vitest';
import { safeMailto, safeWebUrl } from '../src/lib/safe-url.ts';

// The site's last guard on addresses from the CMS: only http(s) (and mailto: for e-mail) is rendered.

describe('safeWebUrl', () => {
  it('keeps absolute http and https addresses as they were stored', () => {
    for (const u of ['https://example.org', 'http://example.org/a?b=1#c', 'https://www.youtube.com/watch?v=abc', 'HTTPS://EXAMPLE.ORG/x', '  https://example.org/x  '.trim()]) {
      expect(safeWebUrl(u)).toBe(u);
    }
    expect(safeWebUrl('  https://example.org/  ')).toBe('https://example.org/');
  });

  it('drops every other scheme, tricks with spaces and control characters, and relative or host-less addresses', () => {
    const refused = [
      'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'jav&#x09;ascript:alert(1)',
      'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://example.org/',
      'mailto:a@example.org', '//evil.example/x', '/wydarzenia/', 'zdjecie.jpg', '#program', 'https://', 'https:///x',
      'https://exa mple.org', 'https://example.org/\u0000', 'http:\\\\evil.example', '', null, undefined,
    ];
    expect(refused.filter((u) => safeWebUrl(u) !== null)).toEqual([]);
  });
});

describe('safeMailto', () => {
  it('links one e-mail address, and nothing else', () => {
    expect(safeMailto('kontakt@cus.example.pl')).toBe('mailto:kontakt@cus.example.pl');
    expect(safeMailto(' biuro@gmina.pl ')).toBe('mailto:biuro@gmina.pl');
    for (const v of ['javascript:alert(1)//@x.pl', 'a@b', 'a b@c.pl', 'a@b.pl?subject=x', 'a@b.pl,c@d.pl', '"><svg onload=alert(1)>@x.pl', '', null]) {
      expect(safeMailto(v), String(v)).toBeNull();
    }
  });
});
