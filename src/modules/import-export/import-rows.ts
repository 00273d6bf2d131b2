import { translate } from '../../lib/messages.js';
import type { CellValue, ElementKind } from './columns.js';
import type { SheetRow } from './spreadsheet.js';

/** The rows of an import as the checker and the writer pass them along, and the problems found in them. */

export interface ImportError {
  /** The row number as Excel shows it (the header is row 1; a missing column is reported on row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportCounts {
  /** Non-blank data rows in the file. */
  received: number;
  /** Rows with no problem. */
  valid: number;
  inserted: number;
  /** Valid rows already registered (same ID number / credit code / grid and address …): nothing to do. */
  unchanged: number;
  rejected: number;
  /** Valid, new rows that were not written: a dry run, or all_or_nothing with a rejected row. */
  skipped: number;
}

export interface ImportResult extends ImportCounts {
  jobId: string;
  /** Set when some row was rejected: GET /api/import/reports/{reportId}.xlsx. */
  reportId?: string;
  /** Whether the import was applied: false for a dry run and for all_or_nothing with a rejected row. */
  committed: boolean;
  errors: ImportError[];
}

export interface ImportOptions {
  format: 'xlsx' | 'csv';
  dryRun: boolean;
  mode: 'valid_only' | 'all_or_nothing';
}

/** How long the rejected rows of an import can be downloaded; older ones are erased. */
export const REPORT_TTL_MS = 7 * 24 * 3600 * 1000;
/** pg_advisory_xact_lock keys: one per element, so two imports of the same element run one after the other. */
export const LOCK_BASE = 7_452_100;
const CHUNK = 1000;

export type Values = Record<string, CellValue>;
export interface Parsed {
  row: SheetRow;
  values: Values;
}

export const text = (v: Values, k: string): string | null => (v[k] === undefined ? null : String(v[k]));
export const numberOf = (v: Values, k: string): number | null => {
  const x = v[k];
  return typeof x === 'number' ? x : null;
};
export const need = (v: Values, k: string): string => {
  const x = v[k];
  if (x === undefined) throw new Error(`import: ${k} missing after validation`);
  return String(x);
};
export const needNumber = (v: Values, k: string): number => {
  const x = v[k];
  if (typeof x !== 'number') throw new Error(`import: ${k} missing after validation`);
  return x;
};

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every problem found, by row, already in Chinese (the texts the API uses, from http/messages.ts). */
export class Problems {
  private readonly byRow = new Map<number, ImportError[]>();
  constructor(private readonly order: string[]) {}

  add(row: number, column: string, key: string, params: Record<string, string | number> = {}) {
    const list = this.byRow.get(row) ?? [];
    if (list.some((e) => e.column === column)) return; // one message per cell
    list.push({ row, column, message: translate(key, 'zh-CN', params) });
    this.byRow.set(row, list);
  }

  has(row: number) {
    return this.byRow.has(row);
  }

  messagesOf(row: number): string[] {
    return (this.byRow.get(row) ?? []).map((e) => `${e.column}:${e.message}`);
  }

  list(): ImportError[] {
    const pos = (c: string) => {
      const i = this.order.indexOf(c);
      return i < 0 ? this.order.length : i;
    };
    return [...this.byRow.values()].flat().sort((a, b) => a.row - b.row || pos(a.column) - pos(b.column));
  }
}

/** A household named by 户号 in a people file. */
export interface HouseholdPlan {
  countyCode: string;
  number: string;
  gridCode: string;
  address: string | null;
  firstRow: number;
  headRow: number | null;
  members: Parsed[];
  /** Set when it is already registered, or once created. */
  id: string | null;
  /** The number is taken by a household in another grid: its rows are rejected. */
  taken: boolean;
}

/** What a check of the rows against the database found. */
export interface Checked {
  /** Rows (by row number) whose record is already registered. */
  existing: Set<number>;
  households: Map<string, HouseholdPlan>;
}

/** What makes two rows the same record, and the column a duplicate is reported on. */
export function rowIdentity(kind: ElementKind, v: Values): { key: string; column: string } | null {
  const has = (...keys: string[]) => keys.every((k) => v[k] !== undefined);
  switch (kind) {
    case 'people':
      return has('idNumber') ? { key: need(v, 'idNumber'), column: 'idNumber' } : null;
    case 'houses':
      return has('gridCode', 'address')
        ? { key: `${need(v, 'gridCode')}|${need(v, 'address')}`, column: 'address' }
        : null;
    case 'organizations':
      if (has('creditCode')) return { key: need(v, 'creditCode'), column: 'creditCode' };
      return has('gridCode', 'name', 'address')
        ? { key: `${need(v, 'gridCode')}|${need(v, 'name')}|${need(v, 'address')}`, column: 'name' }
        : null;
    case 'places':
    case 'things':
      return has('name', 'lng', 'lat')
        ? { key: `${need(v, 'name')}|${need(v, 'lng')},${need(v, 'lat')}`, column: 'name' }
        : null;
  }
}
