import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_OPEN_STATUSES,
  ENDING_STATUSES,
  FINISHED_STATUSES,
  isFinished,
  isOpen,
  OPEN_STATUSES,
  RESULT_STATUSES,
  RULES,
  RUNNING_STATUSES,
} from './event-state-machine.js';
import { finishedStatusesSql, openStatusesSql, resultStatusesSql, runningStatusesSql } from './event-status-sql.js';

const compiler = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const text = (list: ReturnType<typeof sql.join>): string => sql`status in (${list})`.compile(compiler).sql;

describe('event status sets', () => {
  it('derives the open, running and accepted sets from the statuses', () => {
    expect(FINISHED_STATUSES).toEqual(['rejected', 'closed', 'rated']);
    expect(OPEN_STATUSES).toEqual([
      'reported',
      'accepted',
      'dispatched',
      'handling',
      'feedback',
      'verified',
      'suspended',
    ]);
    expect(RUNNING_STATUSES).toEqual(['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified']);
    expect(ACCEPTED_OPEN_STATUSES).toEqual(['accepted', 'dispatched', 'handling', 'feedback', 'verified', 'suspended']);
    expect(RESULT_STATUSES).toEqual(['closed', 'rated']);
    expect(ENDING_STATUSES).toEqual(['rejected', 'closed']);
  });

  it('answers open and finished for any status text', () => {
    expect(isOpen('suspended')).toBe(true);
    expect(isFinished('rated')).toBe(true);
    expect(isOpen('rejected')).toBe(false);
    expect(isFinished('reported')).toBe(false);
  });

  it('lets an operator suspend exactly the running statuses', () => {
    expect(RULES.suspend.from).toEqual(RUNNING_STATUSES);
  });

  it('spells the SQL lists as the tuned statements and the partial indexes do', () => {
    expect(text(finishedStatusesSql)).toBe("status in ('rejected', 'closed', 'rated')");
    expect(text(runningStatusesSql)).toBe(
      "status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')",
    );
    expect(text(openStatusesSql)).toBe(
      "status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified', 'suspended')",
    );
    expect(text(resultStatusesSql)).toBe("status in ('closed', 'rated')");
  });
});
