import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../lib/config.js';
import { loadMasterKey } from '../../lib/personal-data.js';

/**
 * A backup does not hold the personal-data key (whoever has the file would then read every ID number
 * and phone): it holds this fingerprint of it, an HMAC of a constant under a key derived from the
 * master key with its own HKDF label, so the fingerprint reveals nothing usable about the key. Restore
 * compares it with the configured key's before writing anything.
 */
export function keyFingerprint(masterKey: Buffer): string {
  const k = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'fengqiao:backup-fingerprint:v1', 32));
  return crypto.createHmac('sha256', k).update('fengqiao personal-data key fingerprint').digest('hex').slice(0, 32);
}

/** Where the key comes from, for messages: the variable or the file. */
export function keySource(config: Config): string {
  if (config.dataKey) return 'FQ_DATA_KEY';
  return config.dataKeyFile ?? path.join(config.dataDir, 'keys', 'personal-data.key');
}

/**
 * The configured personal-data key, or null when none is configured. Unlike the server's start
 * (which creates a key file for a new embedded installation), this never creates one: a new key
 * would not decrypt the data of a backup.
 */
export function configuredKey(config: Config): Buffer | null {
  const file = config.dataKeyFile ?? path.join(config.dataDir, 'keys', 'personal-data.key');
  if (!config.dataKey && !fs.existsSync(file)) return null;
  return loadMasterKey({ key: config.dataKey, keyFile: config.dataKeyFile, dataDir: config.dataDir, embedded: false });
}
