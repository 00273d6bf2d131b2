import crypto, { type KeyObject } from 'node:crypto';

/**
 * The audit log's keys, derived from the personal-data master key with HKDF, so they live where
 * that key lives (an environment variable or a key file) and never in the database:
 * - `hmacKey` hashes each new audit row;
 * - `signingKey` (Ed25519) signs the checkpoints of the chain heads written outside the database;
 *   `publicKey` verifies them and is published beside them.
 */
export interface AuditKeys {
  hmacKey: Buffer;
  signingKey: KeyObject;
  publicKey: KeyObject;
}

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function deriveAuditKeys(masterKey: Buffer): AuditKeys {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
  const hkdf = (info: string) => Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const seed = hkdf('fengqiao:audit-checkpoint:v1');
  const signingKey = crypto.createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { hmacKey: hkdf('fengqiao:audit:v1'), signingKey, publicKey: crypto.createPublicKey(signingKey) };
}
