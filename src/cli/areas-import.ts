import fs from 'node:fs';
import { loadConfig } from '../lib/config.js';
import { systemActor } from '../lib/context.js';
import type { ImportReport } from '../modules/areas/area-import.service.js';
import { DATUMS, type Datum } from '../modules/areas/area-import-boundaries.js';
import { createRuntime } from '../runtime.js';

const USAGE = `usage: npm run areas:import -- <divisions.csv|.xlsx|.geojson> [boundaries.geojson|.zip|.kml]
         [--datum=wgs84|cgcs2000|gcj02] [--code-property=code] [--apply]
A dry run unless --apply; an apply with errors in the report writes nothing. Runs as the system (no scope limit)
against DATABASE_URL or the embedded database in DATA_DIR.`;

/** The report as lines: counts, then each problem (row/feature, code, id, message). */
export function describeReport(r: ImportReport): string[] {
  const c = r.counts;
  const lines = [
    `${r.dryRun ? 'dry run' : r.applied ? 'applied' : 'NOT applied (errors)'}: ${c.rows} rows, ${c.features} boundaries; ` +
      `${c.errors} errors, ${c.warnings} warnings; create ${c.create}, rename ${c.rename}, redraw ${c.redraw}, ` +
      `unchanged ${c.unchanged}; elements moved ${c.elementsMoved}, open events moved ${c.eventsMoved}`,
  ];
  for (const p of r.problems)
    lines.push(`${p.severity} ${p.source} ${p.index} ${p.code ?? '-'} ${p.problem}: ${p.message} / ${p.messageEn}`);
  return lines;
}

export async function runAreasImport(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (l: string) => void,
): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const datum = (flag('datum') ?? 'wgs84') as Datum;
  if (files.length < 1 || files.length > 2 || !DATUMS.includes(datum)) {
    out(USAGE);
    return 2;
  }
  const runtime = await createRuntime(loadConfig({ ...env, DEMO: env.DEMO ?? 'off' }));
  try {
    const report = await runtime.services.areaImport.run(
      systemActor('areas-import'),
      { divisions: fs.readFileSync(files[0]!), boundaries: files[1] ? fs.readFileSync(files[1]) : null },
      { datum, dryRun: !argv.includes('--apply'), codeProperty: flag('code-property') ?? 'code' },
    );
    for (const l of describeReport(report)) out(l);
    return report.counts.errors > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAreasImport(process.argv.slice(2), process.env, (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
