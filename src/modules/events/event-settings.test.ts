import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstGridCentre } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

describe(`event settings: limits by category and stage, the mediation policy (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  let location: { lng: number; lat: number };
  beforeAll(async () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    admin = await t.login('demo-city');
    location = await firstGridCentre(t, '620702');
  });
  afterAll(() => t.close());

  const report = async (categoryCode: string, dx = 0) =>
    (
      await t.api('POST', '/api/events', {
        token: admin,
        body: {
          categoryCode,
          description: '设置测试事件描述',
          location: { lng: location.lng + dx, lat: location.lat },
        },
      })
    ).body;

  it("changes a category's limit for new events only", async () => {
    const before = await report('0601');
    expect(before.dueAt).toBe('2026-12-01T09:30:00.000Z'); // 3 working days
    expect(
      (await t.api('PUT', '/api/event-settings/categories/0601/limit', { token: admin, body: { limitWorkingDays: 5 } }))
        .status,
    ).toBe(204);
    const after = await report('0601', 0.004);
    expect(after.dueAt).toBe('2026-12-03T09:30:00.000Z');
    expect((await t.api('GET', `/api/events/${before.id}`, { token: admin })).body.dueAt).toBe(
      '2026-12-01T09:30:00.000Z',
    );
    const op = await t.login('demo-ganzhou');
    expect(
      (await t.api('PUT', '/api/event-settings/categories/0601/limit', { token: op, body: { limitWorkingDays: 1 } }))
        .status,
    ).toBe(403);
    expect(
      (await t.api('PUT', '/api/event-settings/categories/0699/limit', { token: admin, body: { limitWorkingDays: 1 } }))
        .status,
    ).toBe(404);
  });

  it('sets a stage limit for a category prefix, the most specific winning', async () => {
    expect((await report('0501')).stageDueAt).toBe('2026-11-26T07:30:00.000Z'); // default: 4 working hours → 15:30, after the lunch break
    expect(
      (
        await t.api('PUT', '/api/event-settings/stages', {
          token: admin,
          body: { categoryPrefix: '05', stage: 'accept', limit: { amount: 1, unit: 'days' } },
        })
      ).status,
    ).toBe(204);
    expect((await report('0501', 0.008)).stageDueAt).toBe('2026-11-27T09:30:00.000Z');
    const limits = await t.api('GET', '/api/event-settings/limits', { token: admin });
    expect(limits.body.stages).toContainEqual({ categoryPrefix: '05', stage: 'accept', amount: 1, unit: 'days' });
    expect(
      (
        await t.api('PUT', '/api/event-settings/stages', {
          token: admin,
          body: { categoryPrefix: '', stage: 'accept', limit: null },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.api('PUT', '/api/event-settings/stages', {
          token: admin,
          body: { categoryPrefix: '05', stage: 'accept', limit: null },
        })
      ).status,
    ).toBe(204);
    expect((await report('0501', 0.012)).stageDueAt).toBe('2026-11-26T07:30:00.000Z');
  });

  it("sets the area's mediation levels for new cases; running cases keep theirs", async () => {
    const old = await report('0102');
    const policy = await t.api('GET', '/api/mediation/policy', { token: admin });
    expect(policy.body.levels.map((l: { workingDays: number }) => l.workingDays)).toEqual([1, 2, 2, 2]);
    const levels = [
      { key: 'village', name: '村调委会', nameEn: 'Village committee', workingDays: 3, unitKind: null },
      {
        key: 'justice_office',
        name: '乡镇司法所',
        nameEn: 'Justice office',
        workingDays: 4,
        unitKind: 'justice_office',
      },
    ];
    expect(
      (
        await t.api('PUT', '/api/mediation/policy', {
          token: admin,
          body: { name: '两级调解', levels: [levels[0], { ...levels[1], key: 'village' }] },
        })
      ).status,
    ).toBe(400);
    expect(
      (await t.api('PUT', '/api/mediation/policy', { token: admin, body: { name: '两级调解', levels } })).status,
    ).toBe(204);
    const fresh = await report('0102', 0.016);
    const m = (id: string) => t.api('GET', `/api/events/${id}`, { token: admin }).then((r) => r.body.mediation);
    expect((await m(fresh.id)).levels.map((l: { key: string }) => l.key)).toEqual(['village', 'justice_office']);
    expect((await m(fresh.id)).levelDueAt).toBe('2026-12-01T09:30:00.000Z');
    expect((await m(old.id)).levels).toHaveLength(4);
  });
});
