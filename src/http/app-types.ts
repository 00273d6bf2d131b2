import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db, DatabaseKind } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import type { Services } from '../services.js';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface AppDeps {
  config: Config;
  db: Db;
  databaseKind: DatabaseKind;
  clock: Clock;
  cipher: PersonalDataCipher;
  services: Services;
  version: string;
  demoMode: boolean;
}
