/**
 * The State Council's holiday notices for 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号), written out
 * day by day from the notices themselves: the platform's calendar until the chinese-days dataset replaced it, kept
 * here so tests can hold the dataset (and the arithmetic) to an independent source.
 */
export const NOTICE_HOLIDAYS: Record<string, string[]> = {
  元旦: ['2025-01-01', '2026-01-01', '2026-01-02', '2026-01-03'],
  春节: [
    ...['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03'],
    ...['2025-02-04', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    ...['2026-02-21', '2026-02-22', '2026-02-23'],
  ],
  清明节: ['2025-04-04', '2025-04-05', '2025-04-06', '2026-04-04', '2026-04-05', '2026-04-06'],
  劳动节: [
    ...['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'],
    ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
  ],
  端午节: ['2025-05-31', '2025-06-01', '2025-06-02', '2026-06-19', '2026-06-20', '2026-06-21'],
  // In 2025 the notice gives 国庆节、中秋节 one break, 1–8 October; the festival itself is 6 October.
  中秋节: ['2025-10-06', '2026-09-25', '2026-09-26', '2026-09-27'],
  国庆节: [
    ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-07', '2025-10-08'],
    ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  ],
};

/** Make-up working days (调休上班) with the holiday they make up for and their weekday: every one is a weekend day. */
export const NOTICE_MAKE_UP: Array<[date: string, holiday: string, dow: 'Sat' | 'Sun']> = [
  ['2025-01-26', '春节', 'Sun'],
  ['2025-02-08', '春节', 'Sat'],
  ['2025-04-27', '劳动节', 'Sun'],
  ['2025-09-28', '国庆节', 'Sun'],
  ['2025-10-11', '国庆节', 'Sat'],
  ['2026-01-04', '元旦', 'Sun'],
  ['2026-02-14', '春节', 'Sat'],
  ['2026-02-28', '春节', 'Sat'],
  ['2026-05-09', '劳动节', 'Sat'],
  ['2026-09-20', '国庆节', 'Sun'],
  ['2026-10-10', '国庆节', 'Sat'],
];

export const NOTICE_HOLIDAY_SET = new Set(Object.values(NOTICE_HOLIDAYS).flat());
export const NOTICE_MAKE_UP_SET = new Set(NOTICE_MAKE_UP.map(([d]) => d));

/** The two notices as the days a WorkingCalendar takes. */
export const NOTICES_2025_2026 = { holidays: NOTICE_HOLIDAY_SET, makeUpWorkdays: NOTICE_MAKE_UP_SET };
