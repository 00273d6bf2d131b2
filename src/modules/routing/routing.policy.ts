import { type Scope, UNRESTRICTED, withinScope } from '../../db/scope.js';
import type { Actor } from '../../lib/context.js';

/**
 * Who may change which routing rule. A rule belongs to the area of its prefix: an administrator changes the rules
 * of their own area; the defaults above it apply there but are not theirs (a change answers 404, as if unseen).
 */
export function ownsRule(scope: Scope, areaPrefix: string): boolean {
  return withinScope(scope, areaPrefix);
}

/** Whether the caller may change or retire the rule, as the list shows it. */
export function ruleEditable(editor: Actor, areaPrefix: string): boolean {
  return editor.permissions.has('event:configure') && ownsRule(editor.scope, areaPrefix);
}

/** Only a city's administrator may own the installation-wide rules (''), and only in a one-city installation. */
export function mayOwnInstallationRules(actor: Actor): boolean {
  return actor.scope.level === 'city' && actor.scope.prefix !== '';
}

/**
 * The scope a caller edits rules with. The installation-wide rules ('', the seeded defaults) belong to the
 * installation's top: when the installation holds one city, that city's administrator; a county's administrator
 * never. With more than one city, '' stays out of reach.
 */
export function ruleEditor(actor: Actor, otherCityExists: boolean): Actor {
  if (!mayOwnInstallationRules(actor) || otherCityExists) return actor;
  return { ...actor, scope: UNRESTRICTED };
}
