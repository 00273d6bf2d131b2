/** Runs every benchmark and prints Markdown for BENCHMARKS.md. */
import { eventIntakeBench } from './event-intake.js';
import { eventSweepBench } from './event-sweep.js';
import { httpBench } from './http.js';
import { startupBench } from './startup.js';

console.log(await startupBench(3));
console.log(await httpBench({ people: 1_000_000, pglite: true }));
console.log(await eventIntakeBench({ concurrency: 32, seconds: 20, servers: 2, pool: 16 }));
console.log(await eventSweepBench({ events: 1_000_000, crossShare: 0.05 }));
