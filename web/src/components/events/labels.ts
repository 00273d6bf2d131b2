import type { Lang } from '../../i18n';

type Labels = Record<string, Record<Lang, string>>;

/** Transition actions, including the system's steps that appear in a timeline. */
export const ACTION_LABELS: Labels = {
  accept: { 'zh-CN': '受理', en: 'Accept' },
  reject: { 'zh-CN': '不予受理', en: 'Reject' },
  dispatch: { 'zh-CN': '派遣', en: 'Dispatch' },
  start: { 'zh-CN': '开始处置', en: 'Start' },
  return: { 'zh-CN': '退回', en: 'Return' },
  reassign: { 'zh-CN': '改派', en: 'Reassign' },
  feedback: { 'zh-CN': '反馈', en: 'Report back' },
  verify: { 'zh-CN': '核查通过', en: 'Verify' },
  rework: { 'zh-CN': '核查不通过', en: 'Rework' },
  close: { 'zh-CN': '结案', en: 'Close' },
  suspend: { 'zh-CN': '挂起', en: 'Suspend' },
  resume: { 'zh-CN': '恢复', en: 'Resume' },
  report: { 'zh-CN': '上报', en: 'Reported' },
  warn: { 'zh-CN': '临期预警', en: 'Due soon' },
  overdue: { 'zh-CN': '超期', en: 'Overdue' },
  rate: { 'zh-CN': '评价', en: 'Rated' },
  reopen: { 'zh-CN': '重新办理', en: 'Reopened' },
  merge: { 'zh-CN': '并入其他事件', en: 'Merged into another' },
  merge_in: { 'zh-CN': '合并重复件', en: 'Duplicate merged in' },
  escalate: { 'zh-CN': '升级督办', en: 'Escalated for supervision' },
  stage_overdue: { 'zh-CN': '环节超时', en: 'Stage overdue' },
  supervise: { 'zh-CN': '督办', en: 'Supervised' },
  co_handler_add: { 'zh-CN': '添加协办', en: 'Co-handler added' },
  co_handler_feedback: { 'zh-CN': '协办反馈', en: 'Co-handler feedback' },
  co_handler_cancel: { 'zh-CN': '撤销协办', en: 'Co-task cancelled' },
  mediation_open: { 'zh-CN': '启动调解', en: 'Mediation opened' },
  mediation_resolve: { 'zh-CN': '调解成功', en: 'Mediation resolved' },
  mediation_escalate: { 'zh-CN': '调解升级', en: 'Mediation escalated' },
  mediation_exhausted: { 'zh-CN': '调解用尽', en: 'Mediation exhausted' },
  attachment: { 'zh-CN': '上传附件', en: 'Attachment added' },
};

/** Actions that need a reason before the server is asked. */
export const NEEDS_REASON = new Set(['reject', 'return', 'rework', 'suspend']);
/** Actions shown as the main (filled) button. */
export const PRIMARY_ACTIONS = new Set(['accept', 'dispatch', 'close', 'verify', 'start', 'feedback']);

export const STATUSES = [
  'reported',
  'accepted',
  'dispatched',
  'handling',
  'feedback',
  'verified',
  'closed',
  'rated',
  'rejected',
  'suspended',
] as const;
export const CHANNELS = ['desk', 'hotline', 'grid', 'public', 'api'] as const;
export const CENTRES = ['dispute', 'convenience', 'government', 'operations'] as const;
export const PARTY_ROLES = ['reporter', 'applicant', 'respondent', 'other'] as const;

export const formatSize = (n: number) =>
  n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
