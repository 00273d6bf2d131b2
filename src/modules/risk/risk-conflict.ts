/**
 * Conflict of interest in assigning a third-party assessor: a firm tied to the implementing body
 * (the same organisation, an owner or subsidiary, a client it is retained by) cannot assess that
 * body's project. Ties are recorded on the firm; they match the implementing body by unified
 * credit code when both sides have one, and otherwise by a normalised name, because many bodies
 * (a township government, a project headquarters) are written by name only.
 */
export interface FirmTie {
  name: string;
  creditCode: string | null;
  relation: string;
}

export interface ConflictInput {
  firm: { name: string; creditCode: string; ties: readonly FirmTie[] };
  implementingBody: string;
  implementingCreditCode: string | null;
}

export interface Conflict {
  by: 'credit_code' | 'name';
  tie: string;
  relation: string;
}

/** Full-width brackets, spaces and the usual company suffixes do not make two names different. */
export function normaliseOrgName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·・.,,、]/g, '')
    .replace(/[((]/g, '(')
    .replace(/[))]/g, ')')
    .replace(/(股份)?有限(责任)?公司$/, '')
    .toUpperCase();
}

export function findConflict(c: ConflictInput): Conflict | null {
  const code = c.implementingCreditCode?.trim().toUpperCase() || null;
  const name = normaliseOrgName(c.implementingBody);
  const self: FirmTie = { name: c.firm.name, creditCode: c.firm.creditCode, relation: '本机构' };
  for (const tie of [self, ...c.firm.ties]) {
    if (code && tie.creditCode && tie.creditCode.toUpperCase() === code)
      return { by: 'credit_code', tie: tie.name, relation: tie.relation };
    if (name.length >= 2 && normaliseOrgName(tie.name) === name)
      return { by: 'name', tie: tie.name, relation: tie.relation };
  }
  return null;
}
