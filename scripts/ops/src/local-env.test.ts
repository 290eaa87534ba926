import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnvFile, updateEnvFile } from './env-file.ts';
import { generatePassword } from '@cus/cms-admin/secrets';
import { ensureCmsEnv } from './local-env.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-env-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cms/.env on first start', () => {
  it('writes every secret and the local admin login, private to the owner', () => {
    const { file, created } = ensureCmsEnv(dir);
    const env = readEnvFile(file);
    for (const key of ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'REBUILD_SECRET']) {
      expect(created).toContain(key);
      expect(env[key], key).toBeTruthy();
    }
    expect(env.APP_KEYS!.split(',')).toHaveLength(4);
    expect(env.DATABASE_CLIENT).toBe('sqlite');
    expect(env.REBUILD_URL).toBe('http://127.0.0.1:4300/webhook');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('changes nothing when run again, and keeps values set by hand', () => {
    const { file } = ensureCmsEnv(dir);
    updateEnvFile(file, { DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres://x@127.0.0.1/y' });
    const before = fs.readFileSync(file, 'utf8');
    const again = ensureCmsEnv(dir);
    expect(again.created).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(readEnvFile(file).DATABASE_URL).toBe('postgres://x@127.0.0.1/y');
  });

  it('fills only what is missing and keeps comments', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, '# ręcznie\nADMIN_EMAIL="redakcja@cus.example.pl"\n');
    const { created } = ensureCmsEnv(dir);
    expect(created).not.toContain('ADMIN_EMAIL');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('# ręcznie\nADMIN_EMAIL="redakcja@cus.example.pl"\n')).toBe(true);
    expect(readEnvFile(file).ADMIN_EMAIL).toBe('redakcja@cus.example.pl');
  });
});

describe('generated admin password', () => {
  it("meets Strapi's policy (8+ chars, upper, lower, digit) and differs each time", () => {
    const a = generatePassword();
    const b = generatePassword();
    expect(a).not.toBe(b);
    for (const p of [a, b]) {
      expect(p.length).toBeGreaterThanOrEqual(20);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/\d/);
    }
  });
});
