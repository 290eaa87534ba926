import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from './headers.ts';

// The site's security headers for a CDN in front of the S3 bucket. A bucket stores only
// Cache-Control and Content-Type with each object (the S3 target sets both); the rest must be
// added by the CDN. This is the same policy as the local server's (headers.ts), in the shape of
// a CloudFront response headers policy:
//   node scripts/serve/src/cdn-headers-policy.ts > policy.json
//   aws cloudfront create-response-headers-policy --response-headers-policy-config file://policy.json
// then attach the policy to the distribution's behaviours. Other CDNs: the same headers
// (`--list` prints them as "Name: value" lines).

interface CustomHeader {
  Header: string;
  Value: string;
  Override: boolean;
}

export interface ResponseHeadersPolicyConfig {
  Name: string;
  Comment: string;
  SecurityHeadersConfig: {
    ContentSecurityPolicy?: { Override: boolean; ContentSecurityPolicy: string };
    ContentTypeOptions?: { Override: boolean };
    ReferrerPolicy?: { Override: boolean; ReferrerPolicy: string };
    FrameOptions?: { Override: boolean; FrameOption: string };
  };
  CustomHeadersConfig: { Quantity: number; Items: CustomHeader[] };
}

/** CloudFront's names for the headers it has a setting of its own for; any other goes into CustomHeadersConfig. */
const SECURITY_SETTINGS: Record<string, (value: string, config: ResponseHeadersPolicyConfig['SecurityHeadersConfig']) => void> = {
  'content-security-policy': (v, c) => (c.ContentSecurityPolicy = { Override: true, ContentSecurityPolicy: v }),
  'x-content-type-options': (v, c) => {
    if (v !== 'nosniff') throw new Error(`CloudFront can only send X-Content-Type-Options: nosniff, not "${v}"`);
    c.ContentTypeOptions = { Override: true };
  },
  'referrer-policy': (v, c) => (c.ReferrerPolicy = { Override: true, ReferrerPolicy: v }),
  'x-frame-options': (v, c) => (c.FrameOptions = { Override: true, FrameOption: v }),
};

export function cdnHeadersPolicy(name = 'cus-site-security-headers', headers: Record<string, string> = SECURITY_HEADERS): ResponseHeadersPolicyConfig {
  const security: ResponseHeadersPolicyConfig['SecurityHeadersConfig'] = {};
  const custom: CustomHeader[] = [];
  for (const [header, value] of Object.entries(headers)) {
    const setting = SECURITY_SETTINGS[header.toLowerCase()];
    if (setting) setting(value, security);
    else custom.push({ Header: header, Value: value, Override: true });
  }
  return {
    Name: name,
    Comment: 'Security headers of the CUS site (generated from scripts/serve/src/headers.ts)',
    SecurityHeadersConfig: security,
    CustomHeadersConfig: { Quantity: custom.length, Items: custom },
  };
}

/** The headers a CDN with this policy adds to every response, lower-cased names → values. */
export function policyHeaders(policy: ResponseHeadersPolicyConfig): Record<string, string> {
  const s = policy.SecurityHeadersConfig;
  const out: Record<string, string> = {};
  if (s.ContentSecurityPolicy) out['content-security-policy'] = s.ContentSecurityPolicy.ContentSecurityPolicy;
  if (s.ContentTypeOptions) out['x-content-type-options'] = 'nosniff';
  if (s.ReferrerPolicy) out['referrer-policy'] = s.ReferrerPolicy.ReferrerPolicy;
  if (s.FrameOptions) out['x-frame-options'] = s.FrameOptions.FrameOption;
  for (const h of policy.CustomHeadersConfig.Items) out[h.Header.toLowerCase()] = h.Value;
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const policy = cdnHeadersPolicy(process.env.CDN_POLICY_NAME || undefined);
  if (process.argv.includes('--list')) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) console.log(`${k}: ${v}`);
  } else console.log(JSON.stringify(policy, null, 2));
}
