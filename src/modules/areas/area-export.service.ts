import { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { AREA_LEVELS, subtreePrefix } from '../../kernel/area-code.js';
import { notFound } from '../../lib/errors.js';
import * as areas from './area.repository.js';
import { exportPage } from './area-import.repository.js';

const CODE_LENGTH = { city: 6, county: 6, township: 9, village: 12, grid: 15 } as const;
const PAGE = 1000;

/**
 * The area tree and its boundaries as one GeoJSON FeatureCollection (properties code, name, parentCode, level), the
 * shape the area import reads back. Streamed a page of areas at a time, so a whole city's grids never sit in memory.
 */
export class AreaExportService {
  constructor(private readonly db: Db) {}

  /** Checks the root (404 outside the scope) before the first byte is sent. `depth` counts levels below the root. */
  async geojson(scope: Scope, rootCode: string, depth: number | undefined): Promise<Readable> {
    const root = await areas.findArea(this.db, scope, rootCode);
    if (!root) throw notFound();
    const levels = AREA_LEVELS.slice(AREA_LEVELS.indexOf(root.level));
    const deepest = levels[Math.min(depth ?? levels.length, levels.length - 1)]!;
    const prefix = subtreePrefix(root.code, root.level);
    const db = this.db;
    async function* features() {
      yield '{"type":"FeatureCollection","features":[';
      let after = '';
      let first = true;
      for (;;) {
        const page = await exportPage(db, scope, prefix, CODE_LENGTH[deepest], after, PAGE);
        for (const a of page) {
          const f = {
            type: 'Feature',
            properties: { code: a.code, name: a.name, parentCode: a.parent_code, level: a.level },
            geometry: a.boundary ?? null,
          };
          yield `${first ? '' : ','}\n${JSON.stringify(f)}`;
          first = false;
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.code;
      }
      yield '\n]}\n';
    }
    return Readable.from(features());
  }
}
