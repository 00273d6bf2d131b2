import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';

/** One chain head as a checkpoint records it. */
export interface CheckpointHead {
  chain: string;
  seq: string;
  hash: string;
  /** The last seq of the chain's unkeyed prefix (0: none). */
  legacyThrough: string;
}

export interface CheckpointRecord {
  v: 1;
  at: string;
  heads: CheckpointHead[];
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
export const PUBLIC_KEY_FILE = 'audit-checkpoint-public.pem';
const DOMAIN = 'fengqiao:audit-checkpoint:v1\n';

function message(r: CheckpointRecord): Buffer {
  return Buffer.from(DOMAIN + canonicalJson({ v: r.v, at: r.at, heads: r.heads }), 'utf8');
}

export function signCheckpoint(r: CheckpointRecord, key: KeyObject): string {
  return canonicalJson({ ...r, sig: crypto.sign(null, message(r), key).toString('base64') });
}

function isHead(h: unknown): h is CheckpointHead {
  if (typeof h !== 'object' || h === null) return false;
  const o = h as Record<string, unknown>;
  return (
    typeof o.chain === 'string' &&
    typeof o.seq === 'string' &&
    /^\d+$/.test(o.seq) &&
    typeof o.hash === 'string' &&
    typeof o.legacyThrough === 'string' &&
    /^\d+$/.test(o.legacyThrough)
  );
}

/** The record on one line if it parses and its signature verifies under `key`; null otherwise. */
export function openCheckpoint(line: string, key: KeyObject): CheckpointRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const o = parsed as Record<string, unknown>;
  if (o.v !== 1 || typeof o.at !== 'string' || typeof o.sig !== 'string') return null;
  if (!Array.isArray(o.heads) || !o.heads.every(isHead)) return null;
  const record: CheckpointRecord = { v: 1, at: o.at, heads: o.heads };
  try {
    return crypto.verify(null, message(record), key, Buffer.from(o.sig, 'base64')) ? record : null;
  } catch {
    return null;
  }
}

export interface CheckpointRead {
  file: string;
  records: CheckpointRecord[];
  /** 1-based line numbers of records that do not parse or whose signature fails. */
  badLines: number[];
}

/**
 * Reads every checkpoint in the directory. A last line without its newline is a write torn by a
 * crash and is skipped; any other line must verify.
 */
export function readCheckpoints(dir: string, key: KeyObject): CheckpointRead {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) return { file, records: [], badLines: [] };
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.pop(); // the text after the last newline: '' or a torn write
  const records: CheckpointRecord[] = [];
  const badLines: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const r = openCheckpoint(line, key);
    if (r) records.push(r);
    else badLines.push(i + 1);
  });
  return { file, records, badLines };
}

/**
 * Appends one signed record (one line, one write, fsynced) and publishes the public key beside it.
 * Appends from several processes interleave whole lines; each record stands alone.
 */
export function appendCheckpoint(
  dir: string,
  record: CheckpointRecord,
  keys: { signingKey: KeyObject; publicKey: KeyObject },
) {
  fs.mkdirSync(dir, { recursive: true });
  const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const pubFile = path.join(dir, PUBLIC_KEY_FILE);
  if (!fs.existsSync(pubFile) || fs.readFileSync(pubFile, 'utf8') !== pem) fs.writeFileSync(pubFile, pem);
  const fd = fs.openSync(path.join(dir, CHECKPOINT_FILE), 'a', 0o600);
  try {
    fs.writeSync(fd, `${signCheckpoint(record, keys.signingKey)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
