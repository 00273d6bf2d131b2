/**
 * Masking for anything written to the server log. A log line lives long and travels far (files,
 * collectors, support tickets), so personal data never reaches it in clear: ID numbers, phone numbers,
 * other long digit runs and tracking codes (which let their holder act on a resident's event).
 */

const ID_NUMBER = /(?<![0-9])(\d{6})\d{8,11}([0-9Xx])(?![0-9])/g;
const PHONE = /(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])/g;
const LONG_DIGITS = /(?<![0-9])\d{7,}(?![0-9])/g;
const TRACKING = /(查询码|tracking code:?\s*)[A-Z0-9]{6,16}/gi;

/** Free text with ID numbers, phones, long digit runs and tracking codes masked. */
export function maskForLog(text: string): string {
  return text
    .replace(ID_NUMBER, '$1********$2')
    .replace(PHONE, '$1****$2')
    .replace(LONG_DIGITS, (d) => `${d.slice(0, 2)}*****`)
    .replace(TRACKING, '$1******');
}

/** Query keys whose values are never personal (paging, periods, enums, area codes); all others are masked. */
const PLAIN_QUERY_KEYS = new Set([
  'limit',
  'offset',
  'cursor',
  'beforeId',
  'period',
  'trendDays',
  'stage',
  'status',
  'state',
  'level',
  'kind',
  'lang',
  'from',
  'to',
  'year',
  'areaCode',
  'action',
  'z',
  'x',
  'y',
]);

/**
 * A query string fit for the log: every key kept, values only for the keys above (and even those
 * through maskForLog); any other value is replaced by `***`, so `q=<ID number>` never appears.
 */
export function maskQueryString(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      if (eq < 0) return key.slice(0, 64);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // A malformed escape: keep the raw key.
      }
      const value = PLAIN_QUERY_KEYS.has(name) ? maskForLog(pair.slice(eq + 1).slice(0, 64)) : '***';
      return `${maskForLog(key.slice(0, 64))}=${value}`;
    })
    .join('&');
}
