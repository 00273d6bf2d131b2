import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data (ID numbers, phones) at rest: AES-256-GCM for the value and an HMAC-SHA256 "blind
 * index" for exact-match lookup. Both keys are derived from one master key with HKDF, so the
 * lookup hash reveals nothing usable without the master key.
 */
export class PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The personal-data key must be 32 bytes');
    this.encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'fengqiao:encrypt:v1', 32));
    this.macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'fengqiao:lookup:v1', 32));
  }

  /** Format: v1.<iv>.<tag>.<ciphertext>, base64url parts. */
  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  decrypt(stored: string): string {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown personal-data format');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * Keyed hash for exact lookup; `kind` keeps a phone and an ID number with equal digits apart. 'id_tail' is the
   * last four characters of an ID number: searchable, yet not in the database in clear (idTailHash).
   */
  lookupHash(kind: 'phone' | 'id_number' | 'id_tail' | 'ip', value: string): string {
    return crypto
      .createHmac('sha256', this.macKey)
      .update(`${kind}:${normalise(value)}`)
      .digest('base64url');
  }
}

/** The blind index of an ID number's last four characters (what "search by the last four" compares). */
export function idTailHash(cipher: PersonalDataCipher, idNumber: string): string {
  return cipher.lookupHash('id_tail', idNumber.trim().slice(-4));
}

function normalise(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** 138****5678: first 3 and last 4 kept. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 6207**********123X: region kept, birth date hidden. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/**
 * The master key comes from FQ_DATA_KEY, else from a key file. In embedded mode a missing file is
 * generated (mode 0600) beside the data; with a server database a missing key is a start error,
 * because a generated key on one app server would not be shared by the others.
 */
export function loadMasterKey(opts: { key?: string; keyFile?: string; dataDir: string; embedded: boolean }): Buffer {
  if (opts.key) return Buffer.from(opts.key, 'base64');
  const file = opts.keyFile ?? path.join(opts.dataDir, 'keys', 'personal-data.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  if (!opts.embedded && !opts.keyFile) {
    throw new Error('FQ_DATA_KEY (or FQ_DATA_KEY_FILE) is required when DATABASE_URL is set');
  }
  const key = crypto.randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}
