import { createHmac, timingSafeEqual } from 'node:crypto';

// Links to the draft preview. The CMS signs them with PREVIEW_SECRET (which the preview server
// shares); the preview server renders a draft only for a link that is signed and not expired.
// The secret itself never appears in a link.

export const PREVIEW_COLLECTIONS = {
  'api::event.event': 'wydarzenia',
  'api::speaker.speaker': 'osoby',
  'api::institution.institution': 'instytucje',
  'api::gallery.gallery': 'galerie',
} as const;
export type PreviewPath = (typeof PREVIEW_COLLECTIONS)[keyof typeof PREVIEW_COLLECTIONS];

const payload = (path: string, documentId: string, expires: number) => `${path}/${documentId}/${expires}`;
const signature = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

/** The query string of a preview link valid for `ttlSeconds`. */
export function signPreview(path: PreviewPath, documentId: string, secret: string, ttlSeconds = 12 * 3600, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  return `exp=${expires}&sig=${signature(secret, payload(path, documentId, expires))}`;
}

export function verifyPreview(path: string, documentId: string, params: URLSearchParams, secret: string, now = Date.now()): 'ok' | 'expired' | 'invalid' {
  const expires = Number(params.get('exp'));
  const sig = params.get('sig') ?? '';
  if (!secret || !Number.isInteger(expires) || !sig) return 'invalid';
  const expected = Buffer.from(signature(secret, payload(path, documentId, expires)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return expires * 1000 < now ? 'expired' : 'ok';
}
