import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTarGz, packTarGz } from './tar-gz.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-tar-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A one-entry ustar archive with any name, as a hostile file could hold. */
function archiveOf(name: string, body: Buffer): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\u000000', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0`, 148);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return zlib.gzipSync(Buffer.concat([h, body, pad, Buffer.alloc(1024)]));
}

describe('tar.gz of a data folder', () => {
  it('round-trips folders, empty files, binary files and long paths, minus the skipped ones', async () => {
    const src = path.join(scratch, 'src');
    const deep = path.join(src, 'base', 'a'.repeat(60), 'b'.repeat(60));
    fs.mkdirSync(deep, { recursive: true });
    fs.mkdirSync(path.join(src, 'empty'));
    fs.writeFileSync(path.join(src, 'PG_VERSION'), '17\n');
    fs.writeFileSync(path.join(src, 'zero'), '');
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    fs.writeFileSync(path.join(deep, 'relation_1259'), binary);
    fs.writeFileSync(path.join(src, 'skipped'), 'not wanted');
    const file = path.join(scratch, 'a.tar.gz');
    await packTarGz(src, file, (rel) => rel === 'skipped');
    const out = path.join(scratch, 'out');
    expect(await extractTarGz(file, out)).toEqual({ files: 3, bytes: 3 + binary.length });
    expect(fs.readFileSync(path.join(out, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect(fs.readFileSync(path.join(out, 'zero')).length).toBe(0);
    expect(fs.readFileSync(path.join(deep.replace(src, out), 'relation_1259')).equals(binary)).toBe(true);
    expect(fs.statSync(path.join(out, 'empty')).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(out, 'skipped'))).toBe(false);
  });

  it('refuses an entry that would land outside the destination, and an archive cut short', async () => {
    const evil = path.join(scratch, 'evil.tar.gz');
    fs.writeFileSync(evil, archiveOf('../escaped', Buffer.from('x')));
    await expect(extractTarGz(evil, path.join(scratch, 'evil'))).rejects.toThrow(/outside the destination/);
    expect(fs.existsSync(path.join(scratch, 'escaped'))).toBe(false);
    const cut = path.join(scratch, 'cut.tar.gz');
    fs.writeFileSync(cut, zlib.gzipSync(zlib.gunzipSync(archiveOf('f', Buffer.alloc(2000, 1))).subarray(0, 1024)));
    await expect(extractTarGz(cut, path.join(scratch, 'cut'))).rejects.toThrow(/ends early/);
  });
});
