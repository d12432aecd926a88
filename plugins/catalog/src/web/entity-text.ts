import { humanizeEntityRef, tryParseEntityRef, type Entity } from '@portico/model';

/** What people call an entity: its title, a user's or group's display name, else its name. */
export function entityDisplayName(entity: Pick<Entity, 'kind' | 'metadata' | 'spec'>): string {
  const profile = entity.spec?.profile;
  if (entity.metadata.title) return entity.metadata.title;
  if (profile !== null && typeof profile === 'object' && !Array.isArray(profile) && typeof profile.displayName === 'string' && profile.displayName) {
    return profile.displayName;
  }
  return entity.metadata.name;
}

/**
 * A ref as people read it: `shipper-experience` for `group:default/shipper-experience` where a
 * group is expected, `user:jo` where it is not. Falls back to the text as given.
 */
export function humanizeRef(ref: string, defaultKind?: string): string {
  const parsed = tryParseEntityRef(ref, defaultKind === undefined ? {} : { defaultKind });
  if (parsed === undefined) return ref;
  return humanizeEntityRef(parsed, defaultKind === undefined ? {} : { defaultKind });
}

/** A spec field that holds text, or undefined. */
export function specText(entity: Pick<Entity, 'spec'>, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A spec field that holds a list of text, or an empty list. */
export function specTextList(entity: Pick<Entity, 'spec'>, field: string): string[] {
  const value = entity.spec?.[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The refs of an entity's relations of one type (lower-cased, as the catalog stores them). */
export function relationTargets(entity: Pick<Entity, 'relations'>, type: string): string[] {
  return (entity.relations ?? []).filter((relation) => relation.type === type).map((relation) => relation.targetRef);
}

/** `2 days ago`-style text for a timestamp, with the full date for a tooltip. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}
