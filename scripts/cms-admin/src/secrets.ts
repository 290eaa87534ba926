import crypto from 'node:crypto';

// Fresh secrets for a CMS: what ./scripts/start writes to cms/.env on the first start, and what
// every test CMS and the bench's CMS start with.

/** A random base64 secret of `bytes` bytes. */
export const randomSecret = (bytes = 32) => crypto.randomBytes(bytes).toString('base64');

/** A password Strapi's policy accepts: upper and lower case letters and digits, 20 chars. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(17);
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `Cus${body}7`;
}

/** Fresh values for every secret Strapi needs (what cms/.env.example lists). */
export function strapiSecrets(): Record<string, string> {
  return {
    APP_KEYS: [randomSecret(), randomSecret(), randomSecret(), randomSecret()].join(','),
    API_TOKEN_SALT: randomSecret(),
    ADMIN_JWT_SECRET: randomSecret(),
    TRANSFER_TOKEN_SALT: randomSecret(),
    JWT_SECRET: randomSecret(),
    ENCRYPTION_KEY: randomSecret(),
  };
}
