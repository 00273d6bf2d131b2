import type { RiskQueryService } from './risk-query.service.js';
import { DIMENSION_NAMES, LEVEL_NAMES, RISK_DIMENSIONS, type RiskLevel } from './risk-scoring.js';
import {
  type ConsultMethod,
  DECISION_NAMES,
  type Decision,
  MATTER_TYPE_NAMES,
  type MatterType,
  METHOD_NAMES,
  type RiskStage,
  STAGE_NAMES,
} from './risk-workflow.js';

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  table?: { head: string[]; rows: string[][] };
}
export interface ReportModel {
  title: string;
  number: string;
  byline: string;
  sections: ReportSection[];
}

type Detail = Awaited<ReturnType<RiskQueryService['get']>>;
const shanghaiDate = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d);
const orNone = (s: string | null | undefined, none = '(未填写)') => (s && s.trim() ? s.trim() : none);

/**
 * The assessment report in its usual structure (背景、依据、程序、意见、分维度风险、等级、措施、预案、结论),
 * built once from the matter so the DOCX and the PDF say the same thing.
 */
export function buildReport(d: Detail, now: Date): ReportModel {
  const m = d.m;
  const latest = d.gradings[d.gradings.length - 1];
  const people = d.areas.reduce((s, a) => s + a.people, 0);
  const sections: ReportSection[] = [];
  sections.push({
    heading: '一、评估事项基本情况',
    paragraphs: [
      orNone(m.background, '(未填写背景)'),
      `事项类型:${MATTER_TYPE_NAMES[m.type as MatterType]};评估方式:${m.kind === 'special' ? '专门评估' : '即时评估'}。决策主体:${m.deciding_body};实施主体:${m.implementing_body}。`,
      `涉及区域:${d.areas.map((a) => `${a.name}(实有人口 ${a.people} 人)`).join('、')},合计 ${people} 人。${m.budget !== null ? `投资额 ${Number(m.budget).toLocaleString('zh-CN')} 万元。` : ''}${m.schedule_start ? `计划 ${m.schedule_start} 起实施${m.schedule_end ? `,${m.schedule_end} 完成` : ''}。` : ''}`,
    ],
  });
  sections.push({ heading: '二、评估依据', paragraphs: [orNone(m.basis, '(未填写评估依据)')] });
  sections.push({
    heading: '三、评估程序',
    paragraphs: [
      `评估机构:${d.firm ? `${d.firm.name}(统一社会信用代码 ${d.firm.credit_code})` : '实施主体自行评估'};评估负责人:${orNone(m.lead_assessor)}。`,
      `评估方案:${orNone(m.plan)}`,
    ],
    table: {
      head: ['环节', '轮次', '责任方', '开始', '办结'],
      rows: d.stages.map((s) => [
        STAGE_NAMES[s.stage as RiskStage] ?? s.stage,
        String(s.round),
        s.owner_name,
        shanghaiDate(s.started_at),
        s.ended_at ? shanghaiDate(s.ended_at) : '进行中',
      ]),
    },
  });
  const opinionRows = d.consultations.flatMap((c) =>
    d.opinions
      .filter((o) => o.consultation_id === c.id)
      .map((o) => [
        METHOD_NAMES[c.method as ConsultMethod],
        o.content,
        o.adopted === null ? '待答复' : o.adopted ? '采纳' : '不采纳',
        orNone(o.response, ''),
      ]),
  );
  sections.push({
    heading: '四、意见征集情况',
    paragraphs: d.consultations.map(
      (c) =>
        `${c.held_on} ${METHOD_NAMES[c.method as ConsultMethod]}:${c.participants} 人参与,对象为${c.consulted}。${c.summary ?? ''}`,
    ),
    table: { head: ['方式', '意见', '是否采纳', '答复或理由'], rows: opinionRows },
  });
  sections.push({
    heading: '五、风险识别(按合法性、合理性、可行性、可控性)',
    paragraphs: RISK_DIMENSIONS.map((dim) => {
      const ps = d.points.filter((p) => p.dimension === dim);
      return `${DIMENSION_NAMES[dim]}:${ps.length === 0 ? '未识别风险点。' : ps.map((p) => `${p.description}(可能性 ${p.likelihood}、影响 ${p.impact},得分 ${p.score},${LEVEL_NAMES[p.level]},涉及 ${p.affected_people ?? 0} 人)`).join(';')}`;
    }),
  });
  const rounds = d.gradings.map(
    (g) =>
      `第 ${g.round} 轮:计算结果${LEVEL_NAMES[g.computed_level as RiskLevel]},最终${LEVEL_NAMES[g.final_level as RiskLevel]}${g.override_reason ? `(评估人员调整,理由:${g.override_reason})` : ''},${g.graded_by} 于 ${shanghaiDate(g.graded_at)} 定级。`,
  );
  sections.push({
    heading: '六、风险等级',
    paragraphs: [
      latest ? `综合评定为:${LEVEL_NAMES[latest.final_level as RiskLevel]}。` : '尚未定级。',
      `评分规则(第 ${d.rule.version} 版):风险点得分 = 可能性 × 影响程度(1—5 级);得分 ≥ ${d.rule.thresholds.high} 为高风险,≥ ${d.rule.thresholds.medium} 为中风险;涉及 ${d.rule.peopleEscalation.atLeast} 人以上时影响程度上调 ${d.rule.peopleEscalation.impactBonus} 级;${d.rule.mediumToHigh > 0 ? `${d.rule.mediumToHigh} 个及以上中风险点综合为高风险;` : ''}事项等级取最高风险点。`,
      ...rounds,
    ],
  });
  sections.push({
    heading: '七、风险防范化解措施',
    paragraphs: [],
    table: {
      head: ['风险点', '措施', '责任人', '期限', '落实情况'],
      rows: d.points
        .filter((p) => p.mitigation)
        .map((p) => [
          p.description,
          p.mitigation ?? '',
          p.mitigation_owner ?? '',
          p.mitigation_due ?? '',
          p.mitigation_done_at ? `已落实:${p.mitigation_note ?? ''}` : '未落实',
        ]),
    },
  });
  sections.push({ heading: '八、应急处置预案', paragraphs: [orNone(m.contingency)] });
  sections.push({
    heading: '九、评估结论',
    paragraphs: [
      orNone(m.conclusion),
      ...(m.decision
        ? [
            `决策结果:${DECISION_NAMES[m.decision as Decision]}(${orNone(m.decided_by)},${m.decided_on ?? ''})。${m.decision_note ?? ''}`,
          ]
        : []),
    ],
  });
  return {
    title: `${m.title}社会稳定风险评估报告`,
    number: m.number,
    byline: `${d.firm?.name ?? m.implementing_body} · ${shanghaiDate(now)}`,
    sections,
  };
}
