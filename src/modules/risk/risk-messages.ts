/**
 * Messages of the risk-assessment module (zh-CN first). They are merged into the shared message
 * table when the routes register, so the module's many guard keys stay in the module's own file.
 */
export const RISK_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  risk_step_incomplete: { 'zh-CN': '本环节尚有未完成事项,不能进入下一环节', en: 'This step is not complete yet' },
  risk_missing_title: { 'zh-CN': '未填写事项名称', en: 'The title is missing' },
  risk_missing_deciding_body: { 'zh-CN': '未填写决策主体', en: 'The deciding body is missing' },
  risk_missing_implementing_body: { 'zh-CN': '未填写实施主体', en: 'The implementing body is missing' },
  risk_missing_areas: { 'zh-CN': '未选择涉及区域', en: 'No affected area' },
  risk_missing_schedule: { 'zh-CN': '未填写计划实施时间', en: 'The schedule is missing' },
  risk_missing_budget: { 'zh-CN': '重大项目须填写投资额', en: 'A major project needs its budget' },
  risk_missing_firm: { 'zh-CN': '专门评估须委托第三方评估机构', en: 'A special assessment needs a third-party firm' },
  risk_missing_lead_assessor: { 'zh-CN': '未指定评估负责人', en: 'No lead assessor' },
  risk_missing_plan: { 'zh-CN': '未制定评估方案', en: 'No assessment plan' },
  risk_missing_methods_special: {
    'zh-CN': '专门评估至少采用两种征求意见方式',
    en: 'A special assessment consults in at least two ways',
  },
  risk_missing_methods_immediate: { 'zh-CN': '至少采用一种征求意见方式', en: 'Consult in at least one way' },
  risk_missing_hearing: {
    'zh-CN': '投资额1亿元以上的重大项目须召开听证会',
    en: 'A project of ¥100 million or more needs a hearing',
  },
  risk_missing_opinions: { 'zh-CN': '未记录收集到的意见', en: 'No opinions recorded' },
  risk_opinion_unanswered: { 'zh-CN': '有意见尚未答复是否采纳', en: 'Some opinions are not answered (adopted or not)' },
  risk_opinion_rejected_without_reason: { 'zh-CN': '不采纳的意见须说明理由', en: 'A rejected opinion needs a reason' },
  risk_missing_dimensions: {
    'zh-CN': '合法性、合理性、可行性、可控性四个方面均须识别风险点',
    en: 'Every dimension (legality, reasonableness, feasibility, controllability) needs a risk point',
  },
  risk_missing_affected_people: { 'zh-CN': '有风险点未填写涉及人数', en: 'A risk point has no affected-people count' },
  risk_missing_measures: {
    'zh-CN': '中、高风险点须有化解措施和责任人',
    en: 'Medium and high points need a measure and an owner',
  },
  risk_missing_grading: { 'zh-CN': '风险点有变化,须重新定级', en: 'Grade the (changed) risk points' },
  risk_missing_conclusion: { 'zh-CN': '未填写评估结论', en: 'No conclusion' },
  risk_missing_contingency: {
    'zh-CN': '中、高风险须有应急处置预案',
    en: 'Medium or high risk needs a contingency plan',
  },
  risk_missing_decision: { 'zh-CN': '未作出决策', en: 'No decision' },
  risk_missing_decided_by: { 'zh-CN': '未记录决策人', en: 'Who decided is missing' },
  risk_missing_firm_rating: { 'zh-CN': '未对评估机构作出评价', en: 'The assessor firm is not rated' },
  risk_high_blocks_implement: {
    'zh-CN': '高风险事项不得决策实施:须落实化解措施并重新评估',
    en: 'High risk cannot be implemented: mitigate and re-assess first',
  },
  risk_needs_reassessment: {
    'zh-CN': '中、高风险不得直接实施:须落实化解措施后重新评估',
    en: 'Medium or high risk cannot be approved as-is: mitigate and re-assess first',
  },
  risk_measures_open: { 'zh-CN': '化解措施尚未全部落实', en: 'Some measures are not complete' },
  risk_closed: { 'zh-CN': '事项已办结', en: 'The matter is closed' },
  risk_conflict_of_interest: {
    'zh-CN': '{firm} 与实施主体存在利害关系({relation}:{tie}),应当回避',
    en: '{firm} is tied to the implementing body ({relation}: {tie}) and cannot assess it',
  },
  risk_firm_suspended: { 'zh-CN': '该评估机构已暂停', en: 'This firm is suspended' },
  risk_credit_code_taken: { 'zh-CN': '统一社会信用代码已登记', en: 'This credit code is already registered' },
  risk_override_reason: {
    'zh-CN': '调整计算出的风险等级须书面说明理由(至少10个字)',
    en: 'Changing the computed level needs a written reason (at least 10 characters)',
  },
  risk_wrong_stage: { 'zh-CN': '当前环节({stage})不能执行此操作', en: 'Not possible in the current step ({stage})' },
  risk_already_rated: { 'zh-CN': '已评价过该机构', en: 'Already rated' },
  risk_no_firm: { 'zh-CN': '未委托评估机构', en: 'No firm is assigned' },
  risk_area_outside: {
    'zh-CN': '区域 {code} 不存在或不在您的管辖范围内',
    en: 'Area {code} does not exist or is outside your scope',
  },
  risk_rule_thresholds: {
    'zh-CN': '等级阈值须为整数,2 ≤ 中 < 高 ≤ 25',
    en: 'Thresholds are whole numbers with 2 ≤ medium < high ≤ 25',
  },
  risk_rule_labels: { 'zh-CN': '量表须各有5个非空名称', en: 'Each scale needs five labels' },
  risk_rule_people: { 'zh-CN': '人数升级规则无效', en: 'The people escalation is invalid' },
  risk_rule_accumulation: { 'zh-CN': '中风险累积数须在0到20之间', en: 'Medium accumulation is 0–20' },
  risk_measure_not_set: { 'zh-CN': '该风险点没有化解措施', en: 'This point has no measure' },
};
