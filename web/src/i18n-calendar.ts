import type { Messages } from './i18n-types';
/** Messages of the working-day calendar screen (/admin/calendar); zh-CN first. */
export const CALENDAR_MESSAGES = {
  calendar: { 'zh-CN': '工作日历', en: 'Working days' },
  calendarTitle: { 'zh-CN': '工作日历(节假日与调休)', en: 'Working-day calendar (holidays and make-up days)' },
  calendarHint: {
    'zh-CN':
      '法定节假日和调休上班日来自国务院安排(chinese-days 数据集)。点击日期,可调整为节假日或调休上班日,或取消调整、恢复国务院安排。修改立即用于此后新登记事件的办理时限,已登记事件的时限不变。',
    en: "Official holidays and make-up working days come from the State Council's notices (the chinese-days dataset). Click a date to override it as a holiday or a make-up working day, or to remove the override and return to the official calendar. Changes apply to the deadlines of events registered from now on; existing deadlines stay.",
  },
  calHoliday: { 'zh-CN': '节假日', en: 'Holiday' },
  calWorkday: { 'zh-CN': '调休上班', en: 'Make-up working day' },
  calWeekend: { 'zh-CN': '周末', en: 'Weekend' },
  calDefault: { 'zh-CN': '按国务院安排(取消调整)', en: 'Official calendar (no override)' },
  calSourceOfficial: { 'zh-CN': '国务院安排', en: 'Official' },
  calSourceOverride: { 'zh-CN': '本地调整', en: 'Local override' },
  calOfficialBelow: { 'zh-CN': '国务院安排为', en: 'officially' },
  calOrdinaryBelow: { 'zh-CN': '国务院安排中为普通日期', en: 'an ordinary date officially' },
  calYearMissing: {
    'zh-CN':
      '数据集尚未收录 {year} 年的国务院节假日安排:此年只按周末规则计算,请在国务院通知发布后更新数据集,或在此逐日录入。',
    en: "The dataset does not hold the State Council's holidays for {year} yet: the year follows the weekend rule alone. Update the dataset once the notice is published, or enter the days here.",
  },
  calWarnMissing: {
    'zh-CN':
      '{year} 年的节假日安排尚未收录(数据集 {dataset} 收录至 {last} 年)。跨入该年的办理时限会把元旦、春节等假日算作工作日。',
    en: "The holidays of {year} are not loaded yet ({dataset} covers up to {last}). Deadlines that run into that year count New Year's Day, the Spring Festival and other holidays as working days.",
  },
  calWarnAction: { 'zh-CN': '前往工作日历录入', en: 'Enter them in the working-day calendar' },
  calDayName: { 'zh-CN': '名称(如 春节)', en: 'Name (e.g. Spring Festival)' },
  calWorkingDays: { 'zh-CN': '全年工作日', en: 'Working days in the year' },
  calDaysUnit: { 'zh-CN': '天', en: 'days' },
  calPrevYear: { 'zh-CN': '上一年', en: 'Previous year' },
  calNextYear: { 'zh-CN': '下一年', en: 'Next year' },
  calSaved: { 'zh-CN': '已保存', en: 'Saved' },
  calIsWorking: { 'zh-CN': '工作日', en: 'Working day' },
  calIsOff: { 'zh-CN': '休息日', en: 'Day off' },
} as const satisfies Messages;
