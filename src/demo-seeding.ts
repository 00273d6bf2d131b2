import type { Db } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { PersonalDataCipher } from './lib/personal-data.js';
import { foldMapCells } from './modules/map/map-fold.js';
import { type SeedResult, seedDemoCity } from './seed/demo-city.js';
import { seedDemoEvents } from './seed/demo-events.js';
import { seedDemoRisk } from './seed/demo-risk.js';
import type { SeedProgress } from './seed/seed-progress.js';
import type { Services } from './services.js';

export interface DemoSeedContext {
  db: Db;
  clock: Clock;
  cipher: PersonalDataCipher;
  services: Services;
  demoSeed: number;
  progress: SeedProgress;
}

/** Builds the demo into an empty, migrated database. The runtime takes another one in tests of the start-up path. */
export type DemoSeeder = (ctx: DemoSeedContext) => Promise<SeedResult>;

/**
 * Numbers a seeder's steps for the progress lines ("demo 2/4 risk matters"): each step is announced, its own
 * progress (n of N from the seed functions) comes under its number, and its end is reported with the time it took.
 */
export function demoSteps(progress: SeedProgress, total: number) {
  let k = 0;
  return async <T>(label: string, work: (progress: SeedProgress) => Promise<T>): Promise<T> => {
    k++;
    const step = `demo ${k}/${total}`;
    progress(`${step} ${label}`, 0, 0);
    const result = await work((what, n, of) => progress(`${step} ${what}`, n, of));
    progress(`${step} ${label}`, 1, 1);
    return result;
  };
}

/**
 * The whole demo city: areas, units, accounts and registry; risk matters; a year of events; the map's cells.
 * Each step hands its seed function a SeedProgress, so a step's lines count what it builds (people: n of N).
 */
export const seedDemo: DemoSeeder = async ({ db, clock, cipher, services, demoSeed, progress }) => {
  const step = demoSteps(progress, 4);
  const { audit } = services;
  const calendar = services.calendar.calendar;
  const city = await step('areas, units and registry', (p) => seedDemoCity(db, { clock, cipher, audit }, demoSeed, p));
  await step('risk matters', (p) => seedDemoRisk(db, { clock, calendar }, demoSeed, p));
  await step('events', (p) => seedDemoEvents(db, { clock, cipher, audit, calendar }, demoSeed, {}, p));
  // The map shows the demo year from the first page view, not from the roll-up job's first tick.
  await step('map cells', () => foldMapCells(db));
  return city;
};
