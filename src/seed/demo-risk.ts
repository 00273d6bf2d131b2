import type { Db } from '../db/database.js';
import { makeCreditCode } from '../kernel/credit-code.js';
import type { WorkingCalendar } from '../kernel/working-calendar.js';
import type { Clock } from '../lib/clock.js';
import { officialWorkingCalendar } from '../modules/calendar/official-dataset.js';
import { DEFAULT_RISK_RULE, scoreMatter, scorePoint } from '../modules/risk/risk-scoring.js';
import {
  type AssessmentKind,
  type Decision,
  RISK_STAGES,
  type RiskStage,
  STAGE_RULES,
  stageOwner,
} from '../modules/risk/risk-workflow.js';
import { FIRM_KINDS, FIRM_PREFIXES, MATTER_TEMPLATES, QUALIFICATIONS } from './demo-risk-data.js';
import { Prng } from './prng.js';
import type { SeedProgress } from './seed-progress.js';

const DAY = 86_400_000;
const COUNTIES = ['620702', '620721', '620722', '620723', '620724', '620725'];
const COUNTY_NAMES: Record<string, string> = {
  '620702': '甘州区',
  '620721': '肃南裕固族自治县',
  '620722': '民乐县',
  '620723': '临泽县',
  '620724': '高台县',
  '620725': '山丹县',
};
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Stage of each demo matter in turn; closed ones cycle through the three decisions. */
const STAGE_CYCLE: RiskStage[] = ['identify', 'plan', 'investigate', 'grade', 'report', 'decide', 'monitor', 'closed'];

export interface DemoRiskResult {
  firms: number;
  matters: number;
}

/**
 * The demo's risk assessments: the city's 34 third-party firms (valid credit codes, some with ties
 * to implementing bodies so the conflict check has something to refuse) and four dozen synthetic
 * matters across the six counties, spread over every step, with consultations, registers,
 * gradings (re-assessed where the first round was medium or high), decisions, ratings and some
 * steps past their deadline. Inserted directly, back-dated and deterministic for the seed.
 */
export async function seedDemoRisk(
  db: Db,
  deps: { clock: Clock; calendar?: WorkingCalendar },
  seed: number,
  progress?: SeedProgress,
): Promise<DemoRiskResult> {
  if (await db.selectFrom('risk_firm').select('id').limit(1).executeTakeFirst()) return { firms: 0, matters: 0 };
  const rng = new Prng(seed ^ 0x5ab1e);
  const cal = deps.calendar ?? officialWorkingCalendar();
  const now = deps.clock.now();
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  const firmIds: string[] = [];
  const firms = FIRM_PREFIXES.map((prefix, i) => {
    const id = rng.uuid();
    firmIds.push(id);
    const org = Array.from({ length: 8 }, () => ORG_ALPHABET[rng.int(0, 30)]).join('') + String(rng.int(0, 9));
    const county = i < 20 ? rng.pick(COUNTIES) : '620100';
    // Some firms are tied to a body that implements demo projects, so assigning them is refused.
    const tiedCounty = COUNTY_NAMES[COUNTIES[Math.floor(i / 9) % 6]!]!;
    const ties =
      i % 9 === 2
        ? [{ name: `${tiedCounty}自然资源局`, creditCode: null, relation: '常年法律顾问' }]
        : i % 11 === 4
          ? [
              {
                name: `${COUNTY_NAMES[COUNTIES[Math.floor(i / 11) % 6]!]}工业园区管委会`,
                creditCode: null,
                relation: '股东单位',
              },
            ]
          : [];
    return {
      id,
      name: `${prefix}${FIRM_KINDS[i % FIRM_KINDS.length]}`,
      credit_code: makeCreditCode(i % 5 === 2 ? '31' : '91', county, org),
      qualifications: [QUALIFICATIONS[0]!, QUALIFICATIONS[1 + (i % (QUALIFICATIONS.length - 1))]!],
      staff_count: rng.int(6, 80),
      contact: `0936-${rng.int(8100000, 8899999)}`,
      ties: JSON.stringify(ties),
      status: i === 33 ? ('suspended' as const) : ('active' as const),
      created_at: new Date(now.getTime() - 400 * DAY),
      updated_at: new Date(now.getTime() - 400 * DAY),
    };
  });
  await db.insertInto('risk_firm').values(firms).execute();
  const tiedTo = (firmIdx: number, implementing: string) =>
    (JSON.parse(firms[firmIdx]!.ties) as Array<{ name: string }>).some((t) => t.name === implementing);

  const areas = await db
    .selectFrom('area')
    .select(['code', 'name', 'level'])
    .where('level', 'in', ['township', 'village'])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  let count = 0;
  for (let i = 0; i < 48; i++) {
    if (i % 8 === 0) progress?.('risk matters', i, 48);
    const county = COUNTIES[i % COUNTIES.length]!;
    const countyName = COUNTY_NAMES[county]!;
    const tpl = MATTER_TEMPLATES[(i * 5 + Math.floor(i / 6)) % MATTER_TEMPLATES.length]!;
    const townships = areas.filter((a) => a.level === 'township' && a.code.startsWith(county));
    const township = townships[rng.int(0, townships.length - 1)];
    if (!township) continue;
    const villages = areas.filter((a) => a.level === 'village' && a.code.startsWith(township.code));
    const village = villages[rng.int(0, Math.max(0, villages.length - 1))] ?? township;
    const place =
      tpl.type === 'project' && tpl.budget && tpl.budget >= 10000 ? `${township.name}${village.name}` : township.name;
    const stage = STAGE_CYCLE[i % STAGE_CYCLE.length]!;
    const si = RISK_STAGES.indexOf(stage);
    const kind: AssessmentKind = i % 7 === 3 ? 'immediate' : 'special';
    const decision: Decision | null =
      stage === 'monitor'
        ? 'implement'
        : stage === 'closed'
          ? (['implement', 'postpone', 'reject'] as const)[Math.floor(i / 8) % 3]!
          : null;
    const implementing = tpl.implementing(countyName, place);
    let firmIdx = rng.int(0, 32);
    while (tiedTo(firmIdx, implementing)) firmIdx = (firmIdx + 1) % 33;
    const firmId = kind === 'special' && si >= 1 ? firmIds[firmIdx]! : null;
    const id = rng.uuid();
    // Later steps started longer ago; every fifth matter (all counties) sits past its deadline.
    const late = i % 5 === 1;
    const spans = RISK_STAGES.slice(0, Math.min(si, 6)).map(
      (s) => STAGE_RULES[s as Exclude<RiskStage, 'closed'>].days[kind] + rng.int(-1, 2),
    );
    const currentAge = late
      ? STAGE_RULES[(stage === 'closed' ? 'monitor' : stage) as Exclude<RiskStage, 'closed'>].days[kind] +
        rng.int(3, 12)
      : rng.int(0, 2);
    const totalDays = spans.reduce((a, b) => a + b * 1.4, 0) + currentAge * 1.4 + (stage === 'closed' ? 30 : 0);
    const created = new Date(now.getTime() - Math.round(totalDays) * DAY - rng.int(1, 8) * 3600_000);
    const starts: Date[] = [created];
    for (const s of spans) starts.push(new Date(starts[starts.length - 1]!.getTime() + Math.round(s * 1.4) * DAY));
    const elevated = tpl.points.some(
      (p) => scorePoint({ likelihood: p.likelihood, impact: p.impact, affectedPeople: p.people }).level !== 'low',
    );
    const round = si >= 5 && elevated && decision !== 'reject' ? 2 : 1;
    const stageLog = starts.map((start, k) => {
      const s = RISK_STAGES[k]! as Exclude<RiskStage, 'closed'>;
      const owner = stageOwner(s, kind);
      const ended =
        k < starts.length - 1 ? starts[k + 1]! : stage === 'closed' ? new Date(start.getTime() + 20 * DAY) : null;
      return {
        matter_id: id,
        stage: s,
        round: s === 'grade' || k > 3 ? round : 1,
        owner,
        owner_name:
          owner === 'deciding_body'
            ? tpl.deciding(countyName)
            : owner === 'assessor' && firmId
              ? firms[firmIdx]!.name
              : implementing,
        started_at: start,
        due_at: cal.addWorkingDays(start, STAGE_RULES[s].days[kind]),
        ended_at: ended,
        actor_name: '张掖市综治中心',
        note: null,
      };
    });
    const current = stageLog[stageLog.length - 1]!;
    const decidedAt = si >= 6 ? (starts[6] ?? current.started_at) : null;
    await db
      .insertInto('risk_matter')
      .values({
        id,
        number: `稳评-${county}-${day(created).slice(0, 4)}-${String(100 + i).padStart(4, '0')}`,
        county_code: county,
        area_code: county,
        area_codes: [village.code],
        title: tpl.title(place, countyName),
        type: tpl.type,
        kind,
        deciding_body: tpl.deciding(countyName),
        implementing_body: implementing,
        budget: tpl.budget,
        schedule_start: day(new Date(created.getTime() + 90 * DAY)),
        schedule_end: day(new Date(created.getTime() + 500 * DAY)),
        background: tpl.background,
        basis: tpl.basis,
        stage,
        stage_due_at: current.due_at,
        round,
        firm_id: firmId,
        lead_assessor: si >= 1 ? ['王建国', '李明华', '赵志强', '陈秀兰', '刘晓东'][i % 5]! : null,
        plan:
          si >= 2
            ? '采取公示、问卷调查、入户走访和座谈等方式征求意见,围绕合法性、合理性、可行性、可控性识别风险,按“可能性×影响程度”定级。'
            : null,
        points_changed_at: si >= 3 ? new Date(starts[3]!.getTime() + DAY) : null,
        conclusion: si >= 5 ? '在落实各项风险防范化解措施的前提下,风险总体可控。' : null,
        contingency: si >= 5 ? '成立应急处置领导小组,发生聚集时属地党委政府第一时间到场,公安、信访协同处置。' : null,
        decision,
        decided_by: decision ? tpl.deciding(countyName) : null,
        decided_on: decidedAt ? day(decidedAt) : null,
        decision_note: decision === 'postpone' ? '待安置房建设完成后再行研究' : null,
        decided_at: decidedAt,
        implementation_started_at: decision === 'implement' ? decidedAt : null,
        closed_at: stage === 'closed' ? stageLog[stageLog.length - 1]!.ended_at : null,
        created_by: null,
        created_at: created,
        updated_at: current.started_at,
      })
      .execute();
    await db.insertInto('risk_stage_log').values(stageLog).execute();
    if (si >= 2) {
      for (const [k, method] of tpl.methods.slice(0, si === 2 ? 1 : tpl.methods.length).entries()) {
        const cid = rng.uuid();
        const held = day(new Date(starts[2]!.getTime() + (k + 1) * DAY));
        await db
          .insertInto('risk_consultation')
          .values({
            id: cid,
            matter_id: id,
            method,
            held_on: held,
            participants: rng.int(12, 260),
            consulted: `${village.name}群众代表、被征收户及人大代表、政协委员`,
            summary: null,
            created_at: starts[2]!,
          })
          .execute();
        const mine = tpl.opinions.filter((_, j) => j % tpl.methods.length === k);
        if (mine.length > 0) {
          await db
            .insertInto('risk_opinion')
            .values(
              mine.map((content, j) => ({
                consultation_id: cid,
                matter_id: id,
                content,
                adopted: si === 2 ? null : j % 3 !== 2,
                response: si === 2 ? null : j % 3 !== 2 ? '已纳入方案' : '超出本项目政策范围,已作解释说明',
                created_at: starts[2]!,
              })),
            )
            .execute();
        }
      }
    }
    if (si >= 3) {
      // The stored scores are the latest round's: a re-assessed point sits one step lower after its measure.
      const points = tpl.points.map((p) => ({
        ...p,
        likelihood: round === 2 ? Math.max(1, p.likelihood - 2) : p.likelihood,
      }));
      const pointDone = (k: number) =>
        stage === 'closed' && decision === 'implement' ? true : stage === 'monitor' && k % 2 === 0;
      await db
        .insertInto('risk_point')
        .values(
          points.map((p, k) => ({
            matter_id: id,
            dimension: p.dimension,
            description: p.description,
            likelihood: p.likelihood,
            impact: p.impact,
            affected_people: p.people,
            mitigation: p.mitigation,
            mitigation_owner: p.owner,
            mitigation_due: day(new Date(created.getTime() + 120 * DAY)),
            mitigation_done_at: pointDone(k) && decidedAt ? new Date(decidedAt.getTime() + (k + 3) * DAY) : null,
            mitigation_note: pointDone(k) ? '已按要求落实' : null,
            created_at: starts[3]!,
            updated_at: starts[3]!,
          })),
        )
        .execute();
      if (si >= 4 || (si === 3 && i % 2 === 0)) {
        const rounds = round === 2 ? [tpl.points, points] : [points];
        for (const [r, ps] of rounds.entries()) {
          const s = scoreMatter(
            ps.map((p) => ({ likelihood: p.likelihood, impact: p.impact, affectedPeople: p.people })),
          );
          await db
            .insertInto('risk_grading')
            .values({
              matter_id: id,
              round: r + 1,
              rule_version: DEFAULT_RISK_RULE.version,
              computed_level: s.level,
              final_level: s.level,
              override_reason: null,
              mitigated: true,
              points: JSON.stringify(
                ps.map((p, k) => ({
                  dimension: p.dimension,
                  description: p.description,
                  likelihood: p.likelihood,
                  impact: p.impact,
                  affectedPeople: p.people,
                  ...s.points[k],
                })),
              ),
              graded_by: firmId ? firms[firmIdx]!.name : implementing,
              graded_at: new Date(starts[3]!.getTime() + (r + 1) * 2 * DAY),
            })
            .execute();
        }
      }
    }
    if (firmId && si >= 6)
      await db
        .insertInto('risk_firm_rating')
        .values({
          firm_id: firmId,
          matter_id: id,
          score: [5, 4, 4, 3, 5, 2][i % 6]!,
          comment: null,
          rated_by: '张掖市综治中心',
          rated_at: decidedAt ?? now,
        })
        .execute();
    count++;
  }
  const year = Number(day(now).slice(0, 4));
  for (const c of COUNTIES)
    await db
      .insertInto('risk_number_counter')
      .values({ county_code: c, year, last: 200 })
      .onConflict((oc) => oc.columns(['county_code', 'year']).doNothing())
      .execute();
  progress?.('risk matters', 48, 48);
  return { firms: firms.length, matters: count };
}
