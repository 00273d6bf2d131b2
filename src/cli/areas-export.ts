import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { UNRESTRICTED } from '../db/scope.js';
import { loadConfig } from '../lib/config.js';
import { createRuntime } from '../runtime.js';

/** `npm run areas:export -- <root code> <file.geojson> [--depth=n]`: the tree under the root and its boundaries. */
export async function runAreasExport(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (l: string) => void,
): Promise<number> {
  const [root, file] = argv.filter((a) => !a.startsWith('--'));
  const depth = argv.find((a) => a.startsWith('--depth='))?.split('=')[1];
  if (!root || !file || !/^\d{6,15}$/.test(root)) {
    out('usage: npm run areas:export -- <root code> <file.geojson> [--depth=n]');
    return 2;
  }
  const runtime = await createRuntime(loadConfig({ ...env, DEMO: env.DEMO ?? 'off' }));
  try {
    const stream = await runtime.services.areaExport.geojson(UNRESTRICTED, root, depth ? Number(depth) : undefined);
    await pipeline(stream, fs.createWriteStream(file));
    out(`wrote ${file} (${fs.statSync(file).size} bytes)`);
    return 0;
  } finally {
    await runtime.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAreasExport(process.argv.slice(2), process.env, (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
