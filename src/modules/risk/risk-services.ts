import type { Db } from '../../db/database.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import { RiskFirmService } from './risk-firm.service.js';
import { RiskMatterService } from './risk-matter.service.js';
import { RiskQueryService } from './risk-query.service.js';
import { RiskRegisterService } from './risk-register.service.js';
import { RiskRuleService } from './risk-rule.service.js';

/** The risk-assessment module's services, wired once; the shared index holds this one object. */
export interface RiskServices {
  firms: RiskFirmService;
  matters: RiskMatterService;
  register: RiskRegisterService;
  query: RiskQueryService;
  rule: RiskRuleService;
}

export function createRiskServices(db: Db, clock: Clock, audit: AuditService, calendar: WorkingCalendar): RiskServices {
  const matters = new RiskMatterService(db, clock, audit, calendar);
  return {
    firms: new RiskFirmService(db, clock, audit),
    matters,
    register: new RiskRegisterService(db, clock, audit, matters),
    query: new RiskQueryService(db, clock, calendar),
    rule: new RiskRuleService(db, audit),
  };
}
