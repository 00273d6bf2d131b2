import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { type AreaGeometry, geometryContains } from '../../kernel/geometry.js';
import { systemActor } from '../../lib/context.js';
import type { NewEventInput, PartyRole } from './event-intake.service.js';

interface Grid {
  code: string;
  /** Points inside the grid on a 0.0004° lattice (35–45 m, more than the duplicate radius), nearest the centre first. */
  points: Array<[number, number]>;
}

function latticeInside(boundary: AreaGeometry, [cx, cy]: [number, number], n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let ring = 0; out.length < n && ring < 200; ring++) {
    for (let i = -ring; i <= ring; i++) {
      for (const j of Math.abs(i) === ring ? Array.from({ length: 2 * ring + 1 }, (_, k) => k - ring) : [-ring, ring]) {
        const p: [number, number] = [
          Math.round((cx + i * 0.0004) * 1e6) / 1e6,
          Math.round((cy + j * 0.0004) * 1e6) / 1e6,
        ];
        if (out.length < n && geometryContains(boundary, p)) out.push(p);
      }
    }
  }
  return out;
}

/**
 * Intakes that arrive together are written together (group commit): the same rows, numbers, timelines, cases,
 * notices and audit chain as one at a time, and a write that fails in a group fails alone.
 */
describe(`events: intakes written together (${backend})`, () => {
  let t: TestApp;
  let grids: Grid[];
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    const db = t.runtime.database.db;
    // One grid in each of three counties, so a group spans several number counters and audit chains.
    grids = [];
    for (const county of ['620702', '620721', '620722']) {
      const g = await db
        .selectFrom('area')
        .select(['code', 'center_lng', 'center_lat', 'boundary'])
        .where('code', 'like', `${county}%`)
        .where('level', '=', 'grid')
        .orderBy('code')
        .limit(1)
        .executeTakeFirstOrThrow();
      const boundary = (typeof g.boundary === 'string' ? JSON.parse(g.boundary) : g.boundary) as AreaGeometry;
      grids.push({ code: g.code, points: latticeInside(boundary, [g.center_lng!, g.center_lat!], 72) });
    }
  });
  afterAll(() => t.close());

  const input = (i: number, extra: Partial<NewEventInput> = {}): NewEventInput => {
    const g = grids[i % grids.length]!;
    // Every other one a dispute with two parties (it opens a mediation case), the rest a road defect.
    const dispute = i % 2 === 0;
    return {
      categoryCode: dispute ? '0102' : '0301',
      description: `并发登记第${i}件`,
      // Apart by more than the duplicate radius, so none is taken for another.
      location: {
        lng: g.points[Math.floor(i / 3) % g.points.length]![0],
        lat: g.points[Math.floor(i / 3) % g.points.length]![1],
      },
      reporter: { name: '李某', phone: `1390000${String(1000 + i)}` },
      parties: dispute
        ? [
            { role: 'applicant', name: `申请人${i}` },
            { role: 'respondent', name: `被申请人${i}` },
          ]
        : [],
      channel: 'desk',
      ...extra,
    };
  };

  it('writes forty concurrent reports over HTTP in groups, with every row, number and audit link of one-at-a-time intake', async () => {
    const op = await t.login('demo-city');
    const intake = t.runtime.services.events.intake;
    const before = { ...intake.groupStats };
    // Held until all forty are checked and waiting, so that they form one group on either back end.
    const release = intake.holdWrites();
    const pending = Array.from({ length: 40 }, (_, i) => t.api('POST', '/api/events', { token: op, body: input(i) }));
    await vi.waitFor(() => expect(intake.queuedWrites).toBe(40), { timeout: 20_000, interval: 20 });
    release();
    const answers = await Promise.all(pending);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    expect({
      batches: intake.groupStats.batches - before.batches,
      writes: intake.groupStats.writes - before.writes,
      largest: intake.groupStats.largest,
    }).toEqual({ batches: 1, writes: 40, largest: 40 });

    // Numbers: per county and day, distinct and without gaps.
    const byCounty = new Map<string, number[]>();
    for (const a of answers) {
      const [, county, , serial] = (a.body.number as string).split('-');
      byCounty.set(county!, [...(byCounty.get(county!) ?? []), Number(serial)]);
    }
    expect([...byCounty.keys()].sort()).toEqual(['620702', '620721', '620722']);
    for (const serials of byCounty.values()) {
      const sorted = [...serials].sort((a, b) => a - b);
      expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, k) => sorted[0]! + k));
    }

    // Each answer is its own event (the right description at the right place), with one report step.
    const db = t.runtime.database.db;
    const ids = answers.map((a) => a.body.id as string);
    const rows = await db
      .selectFrom('event')
      .select(['id', 'description', 'grid_code', 'is_dispute'])
      .where('id', 'in', ids)
      .execute();
    for (const [i, a] of answers.entries()) {
      expect(rows.find((r) => r.id === a.body.id)).toMatchObject({
        description: `并发登记第${i}件`,
        grid_code: grids[i % 3]!.code,
        is_dispute: i % 2 === 0,
      });
    }
    const steps = await db
      .selectFrom('event_transition')
      .select(['event_id', 'action', 'actor_name'])
      .where('event_id', 'in', ids)
      .execute();
    expect(steps).toHaveLength(40);
    expect(new Set(steps.map((s) => s.event_id)).size).toBe(40);
    expect(steps.every((s) => s.action === 'report')).toBe(true);

    // Disputes: their parties and a mediation case at the first level with its first step; the first level is told.
    const disputes = answers.filter((_, i) => i % 2 === 0).map((a) => a.body.id as string);
    const parties = await db
      .selectFrom('event_party')
      .select(['event_id', 'role'])
      .where('event_id', 'in', ids)
      .execute();
    expect(parties).toHaveLength(40);
    expect(new Set(parties.map((p) => p.event_id))).toEqual(new Set(disputes));
    const cases = await db
      .selectFrom('mediation_case')
      .select(['event_id', 'level_index', 'status'])
      .where('event_id', 'in', ids)
      .execute();
    expect(new Set(cases.map((c) => c.event_id))).toEqual(new Set(disputes));
    expect(cases.every((c) => c.level_index === 0 && c.status === 'open')).toBe(true);
    const caseSteps = await db.selectFrom('mediation_step').select('event_id').where('event_id', 'in', ids).execute();
    expect(caseSteps).toHaveLength(20);
    // The first level is told as a dispute reported alone at the same grid would be: the same recipients.
    const recipients = async (eventId: string) =>
      (
        await db
          .selectFrom('notification')
          .select('user_id')
          .where('event_id', '=', eventId)
          .where('kind', '=', 'mediation')
          .execute()
      )
        .map((n) => n.user_id)
        .sort();
    for (const [g, grid] of grids.entries()) {
      const alone = await t.api('POST', '/api/events', {
        token: op,
        body: input([0, 4, 2][g]!, { description: `单独登记${grid.code}` }),
      });
      expect(alone.body.gridCode).toBe(grid.code);
      const expected = await recipients(alone.body.id);
      for (const [i, a] of answers.entries())
        if (i % 2 === 0 && i % 3 === g) expect(await recipients(a.body.id)).toEqual(expected);
    }

    // One audit row each, and every chain still verifies.
    const audit = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'chain'])
      .where('action', '=', 'event.report')
      .where('entity_id', 'in', ids)
      .execute();
    expect(audit).toHaveLength(40);
    expect(new Set(audit.map((r) => r.chain))).toEqual(new Set(['620702', '620721', '620722']));
    const verify = await t.api('GET', '/api/audit/verify', { token: await t.login('demo-city') });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
  });

  it('looks up the grids and earlier reports of concurrent intakes in one statement each, answering each as if alone', async () => {
    const events = t.runtime.services.events;
    const db = t.runtime.database.db;
    const actor = systemActor('test');
    const centre = async (county: string) => {
      const g = await db
        .selectFrom('area')
        .select(['code', 'center_lng', 'center_lat'])
        .where('code', 'like', `${county}%`)
        .where('level', '=', 'grid')
        .orderBy('code')
        .limit(1)
        .executeTakeFirstOrThrow();
      return { code: g.code, lng: g.center_lng!, lat: g.center_lat! };
    };
    const [a, b] = [await centre('620723'), await centre('620725')];
    const report = (at: { lng: number; lat: number }, categoryCode: string, description: string): NewEventInput => ({
      categoryCode,
      description,
      location: { lng: at.lng, lat: at.lat },
      reporter: { name: '王某', phone: '13900002000' },
      parties: [],
      channel: 'desk',
    });
    // An earlier open fire-safety report at each centre, made alone.
    const earlierA = await events.create(actor, report(a, '0301', '先报的一件'));
    const earlierB = await events.create(actor, report(b, '0301', '先报的一件'));
    const onlyA = { ...actor, scope: { code: '620723', level: 'county' as const, prefix: '620723' } };
    const near = { lng: a.lng + 0.0005, lat: a.lat };
    const cases: Array<{ who: typeof actor; input: NewEventInput; grid: string | null; duplicateOf: string | null }> = [
      { who: actor, input: report(near, '0301', '附近又报'), grid: a.code, duplicateOf: earlierA.id },
      { who: actor, input: report(b, '0301', '同一处又报'), grid: b.code, duplicateOf: earlierB.id },
      { who: actor, input: report(a, '0302', '同一处别的类别'), grid: a.code, duplicateOf: null },
      { who: actor, input: report({ lng: 0, lat: 0 }, '0301', '在所有网格之外'), grid: null, duplicateOf: null },
      { who: onlyA, input: report(near, '0301', '本县账号报本县'), grid: a.code, duplicateOf: earlierA.id },
      { who: onlyA, input: report(b, '0301', '本县账号报外县'), grid: null, duplicateOf: null },
    ];
    const before = structuredClone(events.intake.lookupStats);
    const release = events.intake.holdLookups();
    const pending = Promise.allSettled(cases.map((c) => events.create(c.who, c.input)));
    // Every case asks for its grid and for an earlier report of the same kind nearby.
    await vi.waitFor(() => expect(events.intake.queuedLookups).toBe(cases.length * 2), {
      timeout: 20_000,
      interval: 20,
    });
    release();
    const results = await pending;
    const after = events.intake.lookupStats;
    expect([after.grids.batches - before.grids.batches, after.grids.writes - before.grids.writes]).toEqual([
      1,
      cases.length,
    ]);
    expect([
      after.duplicates.batches - before.duplicates.batches,
      after.duplicates.writes - before.duplicates.writes,
      after.duplicates.retried - before.duplicates.retried,
    ]).toEqual([1, cases.length, 0]);
    for (const [i, c] of cases.entries()) {
      const r = results[i]!;
      if (c.grid === null) {
        expect(r.status, c.input.description).toBe('rejected');
        continue;
      }
      expect(r.status, c.input.description).toBe('fulfilled');
      const e = (r as PromiseFulfilledResult<Awaited<ReturnType<typeof events.create>>>).value;
      expect([e.grid_code, e.possible_duplicate_of], c.input.description).toEqual([c.grid, c.duplicateOf]);
    }
  });

  it('fails only the write that breaks its group, and leaves nothing of it behind', async () => {
    const events = t.runtime.services.events;
    const actor = systemActor('test');
    const before = { ...events.intake.groupStats };
    // A party role the database refuses: it passes the service's checks and fails at the write, inside a group.
    const bad = input(100, { description: '坏的一件', parties: [{ role: 'judge' as PartyRole, name: '某人' }] });
    const release = events.intake.holdWrites();
    const pending = Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => events.create(actor, i === 5 ? bad : input(200 + i))),
    );
    await vi.waitFor(() => expect(events.intake.queuedWrites).toBe(12), { timeout: 20_000, interval: 20 });
    release();
    const results = await pending;
    expect(results.map((r) => r.status)).toEqual(results.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    expect(events.intake.groupStats.retried - before.retried).toBe(12);
    const db = t.runtime.database.db;
    expect(await db.selectFrom('event').select('id').where('description', '=', '坏的一件').execute()).toHaveLength(0);
    const good = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    expect(await db.selectFrom('event_transition').select('id').where('event_id', 'in', good).execute()).toHaveLength(
      11,
    );
    const verify = await t.api('GET', '/api/audit/verify', { token: await t.login('demo-city') });
    expect(verify.body.ok).toBe(true);
  });
});
