/**
 * Special groups (GB/T 31000's 特殊人群, 重点青少年 and the city's own lists), each with its own
 * extra fields, a default visit interval and a default risk level. The visit interval drives the
 * overdue-visit list.
 */
export type RiskLevel = 'red' | 'yellow' | 'blue';

export interface SpecialGroup {
  tag: string;
  name: string;
  nameEn: string;
  visitIntervalDays: number;
  defaultRisk: RiskLevel;
  /** Extra fields recorded for this group: key → label. */
  fields: Record<string, string>;
}

export const SPECIAL_GROUPS: readonly SpecialGroup[] = [
  {
    tag: 'released_prisoner',
    name: '刑满释放人员',
    nameEn: 'Released prisoner',
    visitIntervalDays: 30,
    defaultRisk: 'yellow',
    fields: { releaseDate: '释放日期', offence: '原罪名', sentence: '原判刑期' },
  },
  {
    tag: 'community_correction',
    name: '社区矫正对象',
    nameEn: 'Under community correction',
    visitIntervalDays: 7,
    defaultRisk: 'yellow',
    fields: { correctionType: '矫正类别', startDate: '矫正起始日期', endDate: '矫正终止日期' },
  },
  {
    tag: 'severe_mental_disorder',
    name: '严重精神障碍患者',
    nameEn: 'Severe mental disorder',
    visitIntervalDays: 14,
    defaultRisk: 'yellow',
    fields: { diagnosis: '诊断', dangerLevel: '危险性评估等级(0-5)', guardianName: '监护人', medication: '服药情况' },
  },
  {
    tag: 'drug_user',
    name: '吸毒人员',
    nameEn: 'Drug user',
    visitIntervalDays: 14,
    defaultRisk: 'yellow',
    fields: { control: '管控状态(社区戒毒/社区康复/已戒断)', since: '起始日期' },
  },
  {
    tag: 'aids_risk',
    name: '艾滋病危险性人员',
    nameEn: 'HIV risk',
    visitIntervalDays: 30,
    defaultRisk: 'blue',
    fields: { followUp: '随访机构' },
  },
  {
    tag: 'key_youth',
    name: '重点青少年',
    nameEn: 'At-risk juvenile',
    visitIntervalDays: 30,
    defaultRisk: 'blue',
    fields: { category: '类别(闲散/流浪乞讨/服刑人员未成年子女/不良行为)', school: '学校', guardianName: '监护人' },
  },
  {
    tag: 'left_behind_child',
    name: '留守儿童',
    nameEn: 'Left-behind child',
    visitIntervalDays: 30,
    defaultRisk: 'blue',
    fields: { guardianName: '监护人', school: '学校' },
  },
  {
    tag: 'left_behind_elderly',
    name: '留守老人',
    nameEn: 'Left-behind elderly',
    visitIntervalDays: 30,
    defaultRisk: 'blue',
    fields: { livingAlone: '是否独居', health: '健康状况' },
  },
  {
    tag: 'hardship',
    name: '困难群体',
    nameEn: 'Hardship household',
    visitIntervalDays: 90,
    defaultRisk: 'blue',
    fields: { kind: '类型(低保/特困/残疾/其他)', certificate: '证件号' },
  },
  {
    tag: 'key_petitioner',
    name: '重点信访人员',
    nameEn: 'Key petitioner',
    visitIntervalDays: 7,
    defaultRisk: 'red',
    fields: { issue: '信访事项', level: '信访层级' },
  },
];

const BY_TAG = new Map(SPECIAL_GROUPS.map((g) => [g.tag, g]));

export function specialGroup(tag: string): SpecialGroup | undefined {
  return BY_TAG.get(tag);
}

/** Unknown detail keys are refused so that a typo cannot silently lose a field. */
export function unknownDetailKeys(tag: string, details: Record<string, unknown>): string[] {
  const g = BY_TAG.get(tag);
  if (!g) return Object.keys(details);
  return Object.keys(details).filter((k) => !(k in g.fields));
}

export function nextVisitDue(from: Date, intervalDays: number): Date {
  return new Date(from.getTime() + intervalDays * 86_400_000);
}
