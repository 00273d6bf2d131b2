/** The UI languages; every message table lists each key in all of them, so a missing translation fails tsc. */
export type Lang = 'zh-CN' | 'en';
export type Messages = Record<string, Record<Lang, string>>;
