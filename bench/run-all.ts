/** Runs every benchmark and prints Markdown for BENCHMARKS.md. */
import { httpBench } from './http.js';
import { startupBench } from './startup.js';

console.log(await startupBench(3));
console.log(await httpBench({ people: 1_000_000, pglite: true }));
