import type { Entity, EntityProfile } from '@portico/model';

/** `spec.profile` of a user or group, checked field by field. */
export function entityProfile(entity: Pick<Entity, 'spec'>): EntityProfile {
  const profile = entity.spec?.profile;
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) return {};
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const displayName = text(profile.displayName);
  const email = text(profile.email);
  const picture = text(profile.picture);
  return { ...(displayName ? { displayName } : {}), ...(email ? { email } : {}), ...(picture ? { picture } : {}) };
}

/** Up to two initials for an avatar without a picture. */
export function initials(name: string): string {
  const words = name.split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.slice(0, 1);
  return letters.map((word) => word.charAt(0).toLocaleUpperCase()).join('') || '?';
}

/** A picture URL safe to put in an img src: http(s) or a data image only. */
export function safePictureUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (/^https?:\/\//i.test(url) || /^data:image\/(png|jpeg|gif|webp);/i.test(url)) return url;
  return undefined;
}
