import type { Permission } from '../../kernel/permissions.js';
import type { Actor } from '../../lib/context.js';

/**
 * What an actor may do with a registry element (a person, household, house, organisation, place,
 * thing or visit), derived from the actor's permissions. Routes pass `needs(ability)` to
 * requireActor; services that hand out personal data check `may` again, so a new caller cannot
 * skip the check.
 */
export type RegistryAbility =
  /** See elements in the actor's scope, personal fields masked. */
  | 'see'
  /** Register a new element. */
  | 'create'
  /** Change an element, tag a person, record a visit. */
  | 'edit'
  /** See a full ID number or phone, or export them unmasked (each view is audited). */
  | 'seeFullPersonalData'
  /** Import a spreadsheet of elements. */
  | 'import'
  /** Turn a visit's finding into an event. */
  | 'handOffFinding';

const NEEDS: Record<RegistryAbility, readonly Permission[]> = {
  see: ['registry:read'],
  create: ['registry:write'],
  edit: ['registry:write'],
  seeFullPersonalData: ['registry:read', 'personal:read_full'],
  import: ['registry:import'],
  handOffFinding: ['registry:write', 'event:create'],
};

/** The permissions an ability needs, in the order requireActor checks them. */
export function needs(ability: RegistryAbility): Permission[] {
  return [...NEEDS[ability]];
}

export function may(actor: Actor, ability: RegistryAbility): boolean {
  return NEEDS[ability].every((p) => actor.permissions.has(p));
}
