import fc from 'fast-check';

/** The part of a JSON schema (as @fastify/swagger writes it from the zod schemas) the generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  nullable?: boolean;
}

const HUGE = 'x'.repeat(100_000);
const HUGE_CJK = '张'.repeat(100_000);

/** Values that broke or could break a route: NUL, huge strings, boundary numbers, bad dates and codes. */
export const nastyStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  HUGE,
  HUGE_CJK,
  '0',
  '-1',
  '2147483648',
  '-2147483649',
  '9223372036854775808',
  '99999999999999999999999',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '2026-02-30T25:61:61Z',
  '000000',
  '999999999999999',
  '620700000',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "' OR 1=1 --",
  '"; drop table event; --',
  '%00',
  '../../etc/passwd',
  '\ud800',
  '😀'.repeat(100),
  '<script>alert(1)</script>',
  'true',
  'null',
  '[]',
  '{}',
];

export const nastyNumbers = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 63,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
];

/** Any value of a wrong or hostile kind: used for a field, an array item or the whole body. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.constantFrom(...nastyNumbers),
  fc.constantFrom(null, true, false, [], {}, [null], [HUGE], { a: '\u0000' }),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.constantFrom(...nastyStrings.slice(0, 10)), { maxLength: 3 }),
);

const uuid = '00000000-0000-4000-8000-000000000001';

/** A plausible (often valid) value for a schema, so a mutation of one field reaches deep into the route. */
export function plausible(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt && alt.length > 0) return plausible(alt.find((s) => s.type !== 'null') ?? alt[0], depth + 1);
  if (schema.allOf && schema.allOf.length > 0) return plausible(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = plausible(v, depth + 1);
      return out;
    }
    case 'array': {
      const item = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      return [plausible(item, depth + 1)];
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return plausibleString(schema);
  }
}

function plausibleString(schema: JsonSchema): string {
  if (schema.format === 'uuid') return uuid;
  if (schema.format === 'date-time') return '2026-11-20T02:00:00Z';
  if (schema.format === 'date') return '2026-11-20';
  if (schema.pattern?.includes('\\d{6}')) return '620702';
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-11-20';
  const min = schema.minLength ?? 1;
  return '测试'.padEnd(Math.max(min, 2), '试');
}

/** One mutation of a plausible object: a field wrong, missing or extra, or the whole thing replaced. */
export function mutatedObject(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const base = plausible(schema);
  const keys = base && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base) : [];
  const withField = (key: string, value: unknown) => ({ ...(base as object), [key]: value });
  const without = (key: string) => {
    const copy = { ...(base as Record<string, unknown>) };
    delete copy[key];
    return copy;
  };
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.constant(base),
    nastyValue,
    fc.constant(undefined),
    fc.record({ extra: nastyValue }).map((e) => ({ ...(base as object), unexpectedField: e.extra })),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    arbs.push(
      fc.tuple(key, nastyValue).map(([k, v]) => withField(k, v)),
      fc.tuple(key, nastyValue).map(([k, v]) => withField(k, v)),
      fc.tuple(key, nastyValue).map(([k, v]) => withField(k, [v])),
      key.map(without),
      fc.tuple(key, key, nastyValue).map(([a, b, v]) => ({ ...without(a), [b]: v })),
      fc.tuple(key, nastyValue).map(([k, v]) => withField(k, deepMutate(schema?.properties?.[k], v))),
    );
  }
  return fc.oneof(...arbs);
}

/** The plausible value of a nested object or array with its first leaf replaced. */
function deepMutate(schema: JsonSchema | undefined, leaf: unknown): unknown {
  const base = plausible(schema);
  if (Array.isArray(base)) return [deepMutate(Array.isArray(schema?.items) ? schema?.items[0] : schema?.items, leaf)];
  if (base && typeof base === 'object') {
    const [first] = Object.keys(base);
    return first ? { ...base, [first]: deepMutate(schema?.properties?.[first], leaf) } : { x: leaf };
  }
  return leaf;
}

/** A query-string or path value: the plausible one, or a hostile string. */
export function paramValue(schema: JsonSchema | undefined, real: string | undefined): fc.Arbitrary<string | undefined> {
  const good = real ?? String(plausible(schema));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(good) },
    { weight: 3, arbitrary: fc.constantFrom(...nastyStrings) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom(...nastyNumbers).map(String) },
  );
}

/** Multipart bodies that a reader must refuse cleanly: truncated, without a boundary, or garbage. */
export const multipartBodies = fc.constantFrom(
  {
    type: 'multipart/form-data; boundary=fz',
    body: '--fz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG\r\n',
  },
  { type: 'multipart/form-data', body: '--fz\r\n\r\n' },
  { type: 'multipart/form-data; boundary=fz', body: 'garbage' },
  { type: 'multipart/form-data; boundary=fz', body: '--fz--\r\n' },
  {
    type: 'multipart/form-data; boundary=fz',
    body: '--fz\r\nContent-Disposition: form-data; name="\u0000"\r\n\r\nx\r\n--fz--\r\n',
  },
  {
    type: 'multipart/form-data; boundary=fz',
    body: '--fz\r\nContent-Disposition: form-data; name="transitionId"\r\n\r\n\u0000\r\n--fz--\r\n',
  },
  { type: 'application/json', body: '{"file": "x"}' },
);
