/**
 * `npm run sql:snapshot` writes src/queries/<name>.sql from every *.repository.sql.ts under src/modules and src/db;
 * `npm run sql:check` (--check) regenerates them in memory and fails listing stale, missing and extra files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SqlSnapshot } from '../src/db/sql-snapshot.js';
import { compareSnapshots, driftMessage, renderSnapshot } from './sql-recorder.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specDirs = ['src/modules', 'src/db'].map((d) => path.join(root, d));
const queriesDir = path.join(root, 'src/queries');
const check = process.argv.includes('--check');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function isSnapshot(value: unknown): value is SqlSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SqlSnapshot>;
  return typeof v.name === 'string' && typeof v.calls === 'object' && v.calls !== null;
}

const specFiles = specDirs
  .flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.repository.sql.ts'))
      .map((f) => path.join(dir, f)),
  )
  .sort();

const expected = new Map<string, string>();
const errors: string[] = [];
for (const file of specFiles) {
  const source = path.relative(root, file);
  const mod: { default?: unknown } = await import(pathToFileURL(file).href);
  if (!isSnapshot(mod.default)) {
    errors.push(`${source}: the default export is not sqlSnapshot(...)`);
    continue;
  }
  const fileName = `${mod.default.name}.sql`;
  const expectedName = path.basename(file).replace(/\.repository\.sql\.ts$/, '');
  if (mod.default.name !== expectedName)
    errors.push(`${source}: snapshot name '${mod.default.name}', file says '${expectedName}'`);
  if (expected.has(fileName)) errors.push(`${source}: a second snapshot named '${mod.default.name}'`);
  try {
    const text = await renderSnapshot(mod.default, source);
    // A second run must compile the same SQL, or the check would fail at random (Date.now, random ids in SQL).
    if ((await renderSnapshot(mod.default, source)) !== text)
      errors.push(`${source}: the SQL differs between two runs`);
    expected.set(fileName, text);
  } catch (err) {
    errors.push(`${source}:\n${err instanceof Error ? err.message : String(err)}`);
  }
}
if (errors.length > 0) fail(`SQL snapshot entries failed:\n${errors.join('\n')}`);

const actual = new Map<string, string>();
if (fs.existsSync(queriesDir)) {
  for (const f of fs.readdirSync(queriesDir).filter((n) => n.endsWith('.sql'))) {
    actual.set(f, fs.readFileSync(path.join(queriesDir, f), 'utf8'));
  }
}
const drift = compareSnapshots(expected, actual);
const relDir = path.relative(root, queriesDir);

if (check) {
  const message = driftMessage(drift, relDir);
  if (message) fail(message);
  console.log(`sql:check: ${expected.size} snapshot(s) in ${relDir} are up to date`);
} else {
  fs.mkdirSync(queriesDir, { recursive: true });
  for (const name of [...drift.stale, ...drift.missing])
    fs.writeFileSync(path.join(queriesDir, name), expected.get(name) ?? '');
  for (const name of drift.extra) fs.rmSync(path.join(queriesDir, name));
  const changed = drift.stale.length + drift.missing.length + drift.extra.length;
  console.log(`sql:snapshot: ${expected.size} snapshot(s), ${changed} file(s) written or removed in ${relDir}`);
}
