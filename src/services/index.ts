import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { AreaService } from './area.service.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { GridWorkerService } from './grid-worker.service.js';
import { UserService } from './user.service.js';

export interface Services {
  audit: AuditService;
  auth: AuthService;
  areas: AreaService;
  users: UserService;
  gridWorkers: GridWorkerService;
}

export function createServices(db: Db, clock: Clock, cipher: PersonalDataCipher, config: Config): Services {
  const audit = new AuditService(clock);
  return {
    audit,
    auth: new AuthService(db, clock, audit, {
      sessionTtlMs: config.sessionTtlMs,
      sessionIdleMs: config.sessionIdleMs,
      maxFailuresPerUser: config.loginMaxFailuresPerUser,
      maxFailuresPerIp: config.loginMaxFailuresPerIp,
      failureWindowMs: config.loginFailureWindowMs,
    }),
    areas: new AreaService(db, clock, audit),
    users: new UserService(db, clock, audit),
    gridWorkers: new GridWorkerService(db, clock, audit, cipher),
  };
}
