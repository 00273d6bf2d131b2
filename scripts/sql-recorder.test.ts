import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../src/db/database.js';
import { SAMPLE, sqlSnapshot } from '../src/db/sql-snapshot.js';
import { compareSnapshots, driftMessage, recordCall, renderSnapshot } from './sql-recorder.js';

const repo = {
  findArea: (db: Executor, code: string) =>
    db.selectFrom('area').select(['code', 'name']).where('code', '=', code).executeTakeFirstOrThrow(),
};

describe('the SQL snapshot recorder', () => {
  it('records the SQL and parameters each call compiles, inside a transaction too', async () => {
    const log = await recordCall((db) =>
      db.transaction().execute(async (trx) => {
        await trx.updateTable('area').set({ name: 'x' }).where('code', '=', SAMPLE.countyCode).execute();
        await sql`select ${1}::int as one`.execute(trx);
      }),
    );
    expect(log).toEqual([
      { sql: 'update "area" set "name" = $1 where "code" = $2', parameters: ['x', SAMPLE.countyCode] },
      { sql: 'select $1::int as one', parameters: [1] },
    ]);
  });

  it('keeps what was compiled before the call threw on an empty result', async () => {
    const log = await recordCall((db) => repo.findArea(db, SAMPLE.countyCode));
    expect(log.map((q) => q.sql)).toEqual(['select "code", "name" from "area" where "code" = $1']);
  });

  it('refuses an entry that compiles no query', async () => {
    await expect(recordCall(async () => undefined)).rejects.toThrow('compiled no query');
  });

  it('detects a stale, a missing and an extra snapshot', async () => {
    const snapshot = sqlSnapshot('area', repo, { findArea: (db) => repo.findArea(db, SAMPLE.countyCode) });
    const text = await renderSnapshot(snapshot, 'src/modules/areas/area.repository.sql.ts');
    expect(text).toContain('-- findArea\nselect\n  "code",\n  "name"\nfrom\n  "area"\nwhere\n  "code" = $1;\n');

    const expected = new Map([
      ['area.sql', text],
      ['user.sql', text],
    ]);
    expect(compareSnapshots(expected, new Map(expected))).toEqual({ stale: [], missing: [], extra: [] });

    const onDisk = new Map([
      ['area.sql', text.replace('"code" = $1', '"code" like $1')],
      ['old.sql', ''],
    ]);
    const drift = compareSnapshots(expected, onDisk);
    expect(drift).toEqual({ stale: ['area.sql'], missing: ['user.sql'], extra: ['old.sql'] });
    expect(driftMessage(drift, 'src/queries')).toContain('stale:   src/queries/area.sql');
  });
});
