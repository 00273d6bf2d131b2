import type { Messages } from './i18n-types';
/** Messages of the working-day calendar screen (/admin/calendar); zh-CN first. */
export const CALENDAR_MESSAGES = {
  calendar: { 'zh-CN': '工作日历', en: 'Working days' },
  calendarTitle: { 'zh-CN': '工作日历(节假日与调休)', en: 'Working-day calendar (holidays and make-up days)' },
  calendarHint: {
    'zh-CN':
      '点击日期,可设为节假日或调休上班日,或恢复按周末规则。修改立即用于此后新登记事件的办理时限,已登记事件的时限不变。',
    en: 'Click a date to make it a holiday or a make-up working day, or to restore the weekend rule. Changes apply to the deadlines of events registered from now on; existing deadlines stay.',
  },
  calHoliday: { 'zh-CN': '节假日', en: 'Holiday' },
  calWorkday: { 'zh-CN': '调休上班', en: 'Make-up working day' },
  calWeekend: { 'zh-CN': '周末', en: 'Weekend' },
  calDefault: { 'zh-CN': '按周末规则(取消设置)', en: 'Weekend rule (no override)' },
  calDayName: { 'zh-CN': '名称(如 春节)', en: 'Name (e.g. Spring Festival)' },
  calWorkingDays: { 'zh-CN': '全年工作日', en: 'Working days in the year' },
  calDaysUnit: { 'zh-CN': '天', en: 'days' },
  calPrevYear: { 'zh-CN': '上一年', en: 'Previous year' },
  calNextYear: { 'zh-CN': '下一年', en: 'Next year' },
  calSaved: { 'zh-CN': '已保存', en: 'Saved' },
  calIsWorking: { 'zh-CN': '工作日', en: 'Working day' },
  calIsOff: { 'zh-CN': '休息日', en: 'Day off' },
} as const satisfies Messages;
