import crypto from 'node:crypto';

export function newId(): string {
  return crypto.randomBytes(8).toString('hex');
}

/** Returns "salt:hash", both hex; a new random salt unless one is given. */
export function hashSecret(secret: string, salt?: string): string {
  const useSalt = salt ?? crypto.randomBytes(16).toString('hex');
  return `${useSalt}:${crypto.scryptSync(secret, useSalt, 32).toString('hex')}`;
}

export function checkSecret(secret: string, stored: string): boolean {
  const [salt] = stored.split(':');
  const candidate = Buffer.from(hashSecret(secret, salt));
  const expected = Buffer.from(stored);
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}
