import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer, listen } from './static-server.ts';
import { cdnHeadersPolicy, policyHeaders, type ResponseHeadersPolicyConfig } from './cdn-headers-policy.ts';
import { siteHeaders } from './headers.ts';

// The CDN in front of the S3 bucket must add what the bucket cannot store: the policy written
// for it carries exactly the security headers the local static server sends.

let dir: string;
let server: Server;
let base: string;
/** Headers of a response that depend on the file or the connection, not on the policy. */
const PER_RESPONSE = new Set(['content-type', 'content-length', 'etag', 'last-modified', 'cache-control', 'date', 'connection', 'keep-alive']);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-cdn-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  server = createStaticServer({ root: dir, headers: siteHeaders });
  base = await listen(server);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the CDN response headers policy', () => {
  it('adds exactly the security headers the local server sends', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const served: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!PER_RESPONSE.has(k)) served[k] = v;
    });
    expect(Object.keys(served).length).toBeGreaterThanOrEqual(5);
    expect(policyHeaders(cdnHeadersPolicy())).toEqual(served);
  });

  it('is what the command prints, in CloudFront\'s shape', () => {
    const printed = JSON.parse(execFileSync(process.execPath, [path.join(import.meta.dirname, 'cdn-headers-policy.ts')], { encoding: 'utf8' })) as ResponseHeadersPolicyConfig;
    expect(printed).toEqual(cdnHeadersPolicy());
    expect(printed.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy).toMatch(/default-src 'self'/);
    expect(printed.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
    // CloudFront refuses a custom header that one of its security settings covers.
    const covered = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'strict-transport-security', 'x-xss-protection'];
    for (const h of printed.CustomHeadersConfig.Items) expect(covered).not.toContain(h.Header.toLowerCase());
    expect(printed.CustomHeadersConfig.Quantity).toBe(printed.CustomHeadersConfig.Items.length);
  });
});
