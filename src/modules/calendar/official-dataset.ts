import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { OfficialCalendar } from '../../kernel/official-calendar.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';

/**
 * The official calendar shipped with the `chinese-days` package (MIT): the State Council's holidays and make-up
 * working days from 2004. Updating the package (`npm update chinese-days`) brings a newly published year; until
 * then an administrator enters it as overrides on the calendar page.
 */
const PACKAGE = 'chinese-days';

let shipped: OfficialCalendar | null = null;

function readJson(specifier: string): unknown {
  return JSON.parse(readFileSync(createRequire(import.meta.url).resolve(specifier), 'utf8'));
}

/** Read once per process (37 kB of JSON) and kept: the dataset changes only with a new package release. */
export function shippedOfficialCalendar(): OfficialCalendar {
  if (!shipped) {
    const version = (readJson(`${PACKAGE}/package.json`) as { version?: unknown } | null)?.version;
    shipped = OfficialCalendar.fromChineseDays(
      readJson(`${PACKAGE}/dist/chinese-days.json`),
      `${PACKAGE} ${typeof version === 'string' ? version : ''}`.trim(),
    );
  }
  return shipped;
}

/** A working calendar of the official days alone, for tools that run without the database's overrides. */
export function officialWorkingCalendar(): WorkingCalendar {
  return new WorkingCalendar(shippedOfficialCalendar());
}
