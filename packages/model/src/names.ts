/**
 * The naming rules of the catalog file format (Backstage's ADR 002, as its catalog-model 1.10
 * enforces them). Each predicate pairs with a `…_RULE` sentence used in validation messages.
 */

const ENTITY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// Backstage's DNS label accepts runs of hyphens between alphanumerics ("a--b").
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

const MAX_NAME_LENGTH = 63;
const MAX_SUBDOMAIN_LENGTH = 253;

function withinLength(value: string, max: number): boolean {
  return value.length >= 1 && value.length <= max;
}

/** `metadata.name`: 1–63 letters, digits, `-`, `_`, `.`, starting and ending alphanumeric. */
export function isValidEntityName(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME_LENGTH) && ENTITY_NAME.test(value);
}

/** A DNS label: lower-case alphanumerics joined by hyphens, at most 63 characters. */
export function isValidDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME_LENGTH) && DNS_LABEL.test(value);
}

/** A DNS subdomain: DNS labels joined by dots, at most 253 characters. */
export function isValidDnsSubdomain(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    withinLength(value, MAX_SUBDOMAIN_LENGTH) &&
    value.split('.').every(isValidDnsLabel)
  );
}

/** `metadata.namespace` is a DNS label. */
export function isValidNamespace(value: unknown): value is string {
  return isValidDnsLabel(value);
}

/** `kind`: a letter followed by letters and digits, at most 63 characters. */
export function isValidKind(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME_LENGTH) && KIND.test(value);
}

/** `[prefix/]suffix` where the prefix, if present, is checked separately from the suffix. */
function isValidPrefixed(
  value: unknown,
  isValidPrefix: (prefix: string) => boolean,
  isValidSuffix: (suffix: string) => boolean,
): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length === 1) return isValidSuffix(parts[0] ?? '');
  if (parts.length === 2) return isValidPrefix(parts[0] ?? '') && isValidSuffix(parts[1] ?? '');
  return false;
}

/** `apiVersion`: `[dns-subdomain/]version`, e.g. `backstage.io/v1alpha1`. */
export function isValidApiVersion(value: unknown): value is string {
  return isValidPrefixed(
    value,
    isValidDnsSubdomain,
    (suffix) => withinLength(suffix, MAX_NAME_LENGTH) && API_VERSION_SUFFIX.test(suffix),
  );
}

/** A label key: `[dns-subdomain/]name`, where name follows the entity name rule. */
export function isValidLabelKey(value: unknown): value is string {
  return isValidPrefixed(value, isValidDnsSubdomain, isValidEntityName);
}

/** A label value: empty, or following the entity name rule. */
export function isValidLabelValue(value: unknown): value is string {
  return value === '' || isValidEntityName(value);
}

/** An annotation key follows the label key rule. */
export function isValidAnnotationKey(value: unknown): value is string {
  return isValidLabelKey(value);
}

/** An annotation value may be any string. */
export function isValidAnnotationValue(value: unknown): value is string {
  return typeof value === 'string';
}

/** A tag: groups of `[a-z0-9:+#]` joined by single hyphens, at most 63 characters. */
export function isValidTag(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME_LENGTH) && TAG.test(value);
}

/** An absolute URL that the platform's URL parser accepts. */
export function isValidUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** A string with something other than whitespace in it. */
export function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length >= 1;
}

export const ENTITY_NAME_RULE =
  '1–63 characters: letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
export const NAMESPACE_RULE =
  '1–63 characters: lower-case letters and digits, in groups joined by "-"';
export const KIND_RULE = 'a letter followed by letters and digits, at most 63 characters';
export const API_VERSION_RULE =
  'an optional DNS-style prefix and a version of letters and digits, e.g. "backstage.io/v1alpha1"';
export const LABEL_KEY_RULE =
  'an optional lower-case DNS-style prefix and "/", then 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit, e.g. "example.com/team"';
export const LABEL_VALUE_RULE =
  'empty, or 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
export const TAG_RULE =
  'lower-case letters, digits, "+", "#" or ":", in groups joined by single "-", at most 63 characters';
export const URL_RULE = 'an absolute URL such as "https://example.com/dashboard"';
