import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseKind } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Config } from '../lib/config.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * The services every route may call. Declared empty here and filled by the composition root (`src/services.ts`
 * augments it with its `Services`), so this lower layer names no module and routes still see every service typed.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in src/services.ts
export interface ServiceRegistry {}

/** What routes get: no database handle; they reach data through services. */
export interface AppDeps {
  config: Config;
  databaseKind: DatabaseKind;
  clock: Clock;
  cipher: PersonalDataCipher;
  services: ServiceRegistry;
  version: string;
  demoMode: boolean;
}
