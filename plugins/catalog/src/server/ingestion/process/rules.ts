import path from 'node:path';
import type { Entity } from '@portico/model';
import type { CatalogConfig } from '../../config.js';
import type { LocationSpec } from '../../service/ingestion-api.js';
import { globToRegExp } from '../readers/glob.js';

interface KindMatcher {
  kind: string;
  specType?: string;
}

interface LocationMatcher {
  type: string;
  exact?: string;
  pattern?: RegExp;
}

interface Rule {
  allow: KindMatcher[];
  /** Undefined: every location. */
  locations?: LocationMatcher[];
}

/** Backstage's default: locations may hold components, APIs and more locations. */
const DEFAULT_RULES: Rule[] = [{ allow: ['Component', 'API', 'Location'].map((kind) => ({ kind })) }];

/**
 * `catalog.rules` and `catalog.locations[].rules`: which kinds an entity may have, judged by the
 * root location (registered or configured) its tree started from, as Backstage does. Kinds
 * match case-insensitively; a `spec.type` narrows a rule to one type.
 */
export class CatalogRules {
  private readonly rules: Rule[];

  constructor(config: Pick<CatalogConfig, 'rules' | 'locations'>, baseDir: string) {
    const global: Rule[] = config.rules
      ? config.rules.map((rule) => ({
          allow: rule.allow.map(toKindMatcher),
          ...(rule.locations
            ? {
                locations: rule.locations.map((location) => ({
                  type: location.type,
                  ...(location.exact ? { exact: resolveTarget(location.type, location.exact, baseDir) } : {}),
                  ...(location.pattern ? { pattern: new RegExp(globToRegExp(location.pattern).source, 'i') } : {}),
                })),
              }
            : {}),
        }))
      : DEFAULT_RULES;
    const perLocation: Rule[] = config.locations.flatMap((location) =>
      (location.rules ?? []).map((rule) => ({
        allow: rule.allow.map(toKindMatcher),
        locations: [{ type: location.type, exact: resolveTarget(location.type, location.target, baseDir) }],
      })),
    );
    this.rules = [...global, ...perLocation];
  }

  isAllowed(entity: Pick<Entity, 'kind' | 'spec'>, origin: LocationSpec): boolean {
    return this.rules.some((rule) => matchesLocation(rule, origin) && rule.allow.some((matcher) => matchesKind(matcher, entity)));
  }

  /** The kinds allowed at a location, for messages. */
  allowedKinds(origin: LocationSpec): string[] {
    const kinds = this.rules
      .filter((rule) => matchesLocation(rule, origin))
      .flatMap((rule) => rule.allow.map((matcher) => (matcher.specType ? `${matcher.kind} (spec.type ${matcher.specType})` : matcher.kind)));
    return [...new Set(kinds)];
  }

  /** Every kind some rule names: validation accepts these even without a kind definition. */
  namedKinds(): string[] {
    return [...new Set(this.rules.flatMap((rule) => rule.allow.map((matcher) => matcher.kind)))];
  }
}

function toKindMatcher(allow: { kind: string; 'spec.type'?: string | undefined }): KindMatcher {
  return { kind: allow.kind, ...(allow['spec.type'] ? { specType: allow['spec.type'] } : {}) };
}

function matchesLocation(rule: Rule, origin: LocationSpec): boolean {
  if (!rule.locations) return true;
  return rule.locations.some(
    (matcher) =>
      matcher.type === origin.type &&
      (matcher.exact === undefined || matcher.exact === origin.target) &&
      (matcher.pattern === undefined || matcher.pattern.test(origin.target)),
  );
}

function matchesKind(matcher: KindMatcher, entity: Pick<Entity, 'kind' | 'spec'>): boolean {
  if (entity.kind.toLowerCase() !== matcher.kind.toLowerCase()) return false;
  return matcher.specType === undefined || matcher.specType === entity.spec?.type;
}

/** Config `file` targets are relative to the config's folder; stored and compared absolute. */
export function resolveTarget(type: string, target: string, baseDir: string): string {
  return type === 'file' ? path.resolve(baseDir, target) : target;
}
