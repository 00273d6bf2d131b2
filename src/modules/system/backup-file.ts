import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

/**
 * One backup is one file: a magic line, the manifest as one line of JSON, then the payload (the
 * output of `pg_dump --format=custom`, or a gzipped PGlite data directory) to the end of the file.
 * `head -2 file` shows what a backup holds without any tool; the payload's SHA-256 in the manifest
 * catches a truncated or altered copy before anything is restored.
 */
export const BACKUP_MAGIC = 'FENGQIAO-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;

export const backupManifest = z.object({
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  backend: z.enum(['pglite', 'postgres']),
  appVersion: z.string(),
  createdAt: z.string(),
  /** schema_migration names, in order. */
  migrations: z.array(z.string()),
  /** Rows per table of the public schema at the instant of the backup. */
  tables: z.record(z.string(), z.number().int().min(0)),
  auditHeads: z.array(z.object({ chain: z.string(), seq: z.string(), hash: z.string() })),
  /** A fingerprint of the personal-data key the data was encrypted with; never the key. */
  keyFingerprint: z.string(),
  payload: z.object({
    kind: z.enum(['pg_dump-custom', 'pglite-datadir-gzip']),
    bytes: z.number().int().min(0),
    sha256: z.string(),
  }),
});
export type BackupManifest = z.infer<typeof backupManifest>;

/** A refusal or failure the operator must read: printed as is by the CLIs, exit code 1. */
export class BackupError extends Error {}

/** Writes header, manifest and payload to `file` through a temporary name, so a failed write leaves no half file. */
export async function writeBackupFile(file: string, manifest: BackupManifest, payloadFile: string): Promise<void> {
  const tmp = `${file}.partial`;
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  out.write(`${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(manifest)}\n`);
  await pipeline(fs.createReadStream(payloadFile), out);
  fs.renameSync(tmp, file);
}

/** The payload's size and SHA-256, read as a stream (a PostgreSQL dump may be large). */
export async function digestFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Reads the header and manifest; `payloadOffset` is where the payload starts. */
export function readBackupHeader(file: string): { manifest: BackupManifest; payloadOffset: number } {
  if (!fs.existsSync(file)) throw new BackupError(`No such backup file: ${file}`);
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4 * 1024 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const first = head.indexOf(0x0a);
    const second = first < 0 ? -1 : head.indexOf(0x0a, first + 1);
    if (first < 0 || second < 0 || second >= n) throw new BackupError(`${file} is not a Fengqiao backup`);
    const magic = head.subarray(0, first).toString('utf8');
    if (magic !== `${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}`) {
      throw new BackupError(
        magic.startsWith(BACKUP_MAGIC)
          ? `${file} is a backup of format "${magic}", which this version cannot read (it reads format ${BACKUP_FORMAT_VERSION})`
          : `${file} is not a Fengqiao backup`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(head.subarray(first + 1, second).toString('utf8'));
    } catch {
      throw new BackupError(`${file}: the manifest is not valid JSON`);
    }
    const parsed = backupManifest.safeParse(json);
    if (!parsed.success)
      throw new BackupError(`${file}: the manifest is not valid (${parsed.error.issues[0]?.message})`);
    return { manifest: parsed.data, payloadOffset: second + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies the payload out to `target` and checks its size and SHA-256 against the manifest. */
export async function extractPayload(file: string, target: string): Promise<void> {
  const { manifest, payloadOffset } = readBackupHeader(file);
  await pipeline(fs.createReadStream(file, { start: payloadOffset }), fs.createWriteStream(target, { mode: 0o600 }));
  const got = await digestFile(target);
  if (got.bytes !== manifest.payload.bytes || got.sha256 !== manifest.payload.sha256) {
    throw new BackupError(
      `${file} is damaged: its payload has ${got.bytes} bytes with SHA-256 ${got.sha256}, the manifest says ${manifest.payload.bytes} bytes with ${manifest.payload.sha256}`,
    );
  }
}
