import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { MediationLevel } from '../../db/schema.js';
import { mediationMove } from './mediation-levels.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';

export interface MediationSweepDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  calendar: WorkingCalendar;
}

const SYSTEM = { userId: null, username: 'system:deadline-sweeper', ip: null };
const SYSTEM_NAME = '系统';

interface DueCase {
  event_id: string;
  levels: MediationLevel[] | string;
  level_index: number;
  level_key: string;
  status: 'open' | 'resolved' | 'exhausted';
  grid_code: string;
  number: string;
  description: string;
}

interface Move {
  event_id: string;
  from_index: number;
  kind: 'escalated' | 'exhausted';
  to_index: number | null;
  to_key: string | null;
  unit_kind: string | null;
  due_at: string | null;
  note: string;
  public_note: string;
  title: string;
  body: string | null;
}

/**
 * Moves up every open mediation case whose level ran out of time (四级七天调解法): the same moves as a
 * mediator's "failed" on the case (MediationService), set-based, a batch per transaction. One
 * process at a time (a tried advisory lock); cases held by a mediator's action are skipped until
 * the next sweep. For each batch one statement ends the level, moves the case up (or marks it
 * exhausted at the last level), opens the next level's step with the unit of its kind nearest the
 * grid, writes the timeline row and tells the next level's unit (or the grid's mediators when the
 * level has no unit, or the operators over the grid when the levels are used up); then one audit
 * row per case, as when a mediator acts.
 */
export async function sweepMediationTimeouts(deps: MediationSweepDeps, now: Date, batch = 2000): Promise<number> {
  let moved = 0;
  for (;;) {
    const n = await deps.db.transaction().execute(async (trx) => {
      const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('fq.sweep.mediation')) as ok`.execute(trx);
      if (!lock.rows[0]?.ok) return 0;
      const due = await sql<DueCase>`
        select m.event_id, m.levels, m.level_index, m.level_key, m.status, e.grid_code, e.number, e.description
        from mediation_case m join event e on e.id = m.event_id
        where m.status = 'open' and m.level_due_at <= ${now}
        order by m.level_due_at
        limit ${batch}
        for update of m skip locked`.execute(trx);
      if (due.rows.length > 0) await timeOut(trx, deps, due.rows);
      return due.rows.length;
    });
    moved += n;
    if (n < batch) return moved;
  }
}

async function timeOut(trx: Executor, deps: MediationSweepDeps, cases: readonly DueCase[]) {
  const now = deps.clock.now();
  const moves: Move[] = [];
  const audits: AuditEntry[] = [];
  for (const c of cases) {
    const levels = (typeof c.levels === 'string' ? JSON.parse(c.levels) : c.levels) as MediationLevel[];
    const move = mediationMove(levels, { status: c.status, levelIndex: c.level_index }, 'timeout');
    if (move.kind === 'escalated') {
      moves.push({
        event_id: c.event_id, from_index: c.level_index, kind: 'escalated', to_index: move.toIndex, to_key: move.to.key, unit_kind: move.to.unitKind ?? null,
        due_at: deps.calendar.addWorkingDays(now, move.to.workingDays).toISOString(),
        note: `${move.from.name} → ${move.to.name}(期限届满未化解)`, public_note: '已提交上一级调解',
        title: `纠纷升级调解:${c.number}(${move.from.name} → ${move.to.name})`, body: c.description.slice(0, 80),
      });
    } else if (move.kind === 'exhausted') {
      moves.push({
        event_id: c.event_id, from_index: c.level_index, kind: 'exhausted', to_index: null, to_key: null, unit_kind: null, due_at: null,
        note: `${move.from.name}调解未成,四级调解用尽,引导诉讼或仲裁`, public_note: '调解未成,已引导通过法律途径解决',
        title: `纠纷调解用尽:${c.number}`, body: '请引导当事人申请仲裁或诉讼',
      });
    } else continue;
    audits.push({ action: `mediation.${move.kind}`, entityType: 'event', entityId: c.event_id, areaCode: c.grid_code, before: { level: c.level_key }, after: { move: move.kind }, reason: null });
  }
  if (moves.length === 0) return;
  const col = <K extends keyof Move>(k: K) => moves.map((m) => m[k]);
  await sql`
    with input as (
      select * from unnest(${col('event_id')}::uuid[], ${col('from_index')}::int[], ${col('kind')}::text[], ${col('to_index')}::int[], ${col('to_key')}::text[],
                           ${col('unit_kind')}::text[], ${col('due_at')}::timestamptz[], ${col('note')}::text[], ${col('public_note')}::text[],
                           ${col('title')}::text[], ${col('body')}::text[])
        with ordinality as i(event_id, from_index, kind, to_index, to_key, unit_kind, due_at, note, public_note, title, body, ord)
    ),
    mv as (
      -- The next level's unit: the active unit of its kind in the grid's township, else its county, else
      -- the city; a county's 综治中心 (code …-ZZZX) first among several centres (RoutingService.nearestUnit).
      select i.*, e.county_code, e.grid_code, e.status as event_status, u.id as unit_id
      from input i
      join event e on e.id = i.event_id
      left join lateral (
        select u.id from unit u
        where i.unit_kind is not null and u.kind = i.unit_kind and u.status = 'active'
          and u.area_code in (substr(e.grid_code, 1, 9), substr(e.grid_code, 1, 6), substr(e.grid_code, 1, 4) || '00')
        order by length(u.area_code) desc, (u.code like '%-ZZZX') desc, u.code
        limit 1
      ) u on true
    ),
    ended as (
      update mediation_step s set ended_at = ${now}, result = 'timeout', note = null, actor_name = ${SYSTEM_NAME}
      from mv where s.event_id = mv.event_id and s.level_index = mv.from_index
    ),
    moved as (
      update mediation_case m set
        level_index = case when mv.kind = 'escalated' then mv.to_index else m.level_index end,
        level_key = case when mv.kind = 'escalated' then mv.to_key else m.level_key end,
        level_unit_id = case when mv.kind = 'escalated' then mv.unit_id else m.level_unit_id end,
        level_due_at = case when mv.kind = 'escalated' then mv.due_at end,
        status = case when mv.kind = 'escalated' then m.status else 'exhausted' end,
        closed_at = case when mv.kind = 'escalated' then m.closed_at else ${now} end
      from mv where m.event_id = mv.event_id
    ),
    steps as (
      insert into mediation_step (event_id, level_index, level_key, unit_id, started_at, due_at)
      select event_id, to_index, to_key, unit_id, ${now}, due_at from mv where kind = 'escalated' order by ord
    ),
    timeline as (
      insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
      select county_code, event_id, ${now}, null, ${SYSTEM_NAME}, case when kind = 'escalated' then 'mediation_escalate' else 'mediation_exhausted' end,
             event_status, event_status, note, public_note, unit_id
      from mv order by ord
    )
    insert into notification (user_id, kind, event_id, title, body, created_at)
    select user_id, 'mediation', event_id, title, body, ${now} from (
      -- A level with a unit tells the unit's accounts ...
      select a.id as user_id, mv.event_id, mv.title, mv.body, mv.ord
      from mv join app_user a on a.unit_id = mv.unit_id and a.status = 'active'
      where mv.kind = 'escalated'
      union all
      -- ... one without tells the grid's mediators (a level above the first is not the grid workers') ...
      select a.id, mv.event_id, mv.title, mv.body, mv.ord
      from mv join app_user a on a.status = 'active' and a.roles && array['mediator']::text[] and length(a.scope_code) >= 9 and mv.grid_code like a.scope_code || '%'
      where mv.kind = 'escalated' and mv.unit_id is null
      union all
      -- ... and a case whose levels are used up tells the operators who watch the grid.
      select a.id, mv.event_id, mv.title, mv.body, mv.ord
      from mv join app_user a on a.status = 'active' and 'operator' = any(a.roles) and a.scope_code in (substr(mv.grid_code, 1, 9), substr(mv.grid_code, 1, 6))
      where mv.kind = 'exhausted'
    ) n
    order by ord`.execute(trx);
  await deps.audit.recordMany(trx, SYSTEM, audits);
}
