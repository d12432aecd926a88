import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  catalogDir,
  docsConfigName,
  isObject,
  listCatalogFiles,
  listYamlFiles,
  loadDemoEntities,
  stringList,
  type DemoEntity,
} from './catalog-files.js';
import { entityName, outgoingRefs, refKey } from './entity-refs.js';

const { entities, problems } = loadDemoEntities();
const byRef = new Map(entities.map((entity) => [refKey(entityName(entity)), entity]));
const ofKind = (kind: string) => entities.filter((entity) => entity.kind === kind);
const describeEntity = (entity: DemoEntity) => `${entity.file}:${entity.line} ${entity.kind} ${entity.metadata.name}`;

// Backstage's rule for names, narrowed to what the demo promises: lower case words joined by dashes.
const demoName = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const backstageTag = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;
const lifecycles = ['production', 'experimental', 'deprecated'];

const requiredSpec: Record<string, string[]> = {
  Component: ['type', 'lifecycle', 'owner'],
  API: ['type', 'lifecycle', 'owner', 'definition'],
  Resource: ['type', 'owner'],
  System: ['owner'],
  Domain: ['owner'],
  Group: ['type'],
  Location: ['targets'],
};

describe('the demo catalog', () => {
  it('is made of entity documents only', () => {
    expect(problems).toEqual([]);
    expect(entities.length).toBeGreaterThan(0);
    const envelopes = entities.filter(
      (entity) => entity.apiVersion !== 'backstage.io/v1alpha1' || !(entity.kind in requiredSpec || entity.kind === 'User'),
    );
    expect(envelopes.map(describeEntity)).toEqual([]);
  });

  it('uses valid lower-case names and tags', () => {
    const badNames = entities.filter((entity) => entity.metadata.name.length > 63 || !demoName.test(entity.metadata.name));
    expect(badNames.map(describeEntity)).toEqual([]);
    const badTags = entities.flatMap((entity) =>
      stringList(entity.metadata.tags)
        .filter((tag) => tag.length > 63 || !backstageTag.test(tag))
        .map((tag) => `${describeEntity(entity)}: tag ${tag}`),
    );
    expect(badTags).toEqual([]);
  });

  it('has unique names per kind and namespace', () => {
    const seen = new Map<string, DemoEntity>();
    const duplicates: string[] = [];
    for (const entity of entities) {
      const key = refKey(entityName(entity));
      const first = seen.get(key);
      if (first) duplicates.push(`${describeEntity(entity)} duplicates ${describeEntity(first)}`);
      else seen.set(key, entity);
    }
    expect(duplicates).toEqual([]);
  });

  it('fills the spec fields each kind requires', () => {
    const missing = entities.flatMap((entity) =>
      (requiredSpec[entity.kind] ?? [])
        .filter((field) => entity.spec[field] === undefined || entity.spec[field] === '')
        .map((field) => `${describeEntity(entity)}: spec.${field}`),
    );
    expect(missing).toEqual([]);
    const badLifecycles = [...ofKind('Component'), ...ofKind('API')].filter(
      (entity) => !lifecycles.includes(String(entity.spec.lifecycle)),
    );
    expect(badLifecycles.map(describeEntity)).toEqual([]);
    const groupsWithoutChildren = ofKind('Group').filter((group) => !Array.isArray(group.spec.children));
    expect(groupsWithoutChildren.map(describeEntity)).toEqual([]);
    const usersWithoutMemberOf = ofKind('User').filter((user) => !Array.isArray(user.spec.memberOf));
    expect(usersWithoutMemberOf.map(describeEntity)).toEqual([]);
  });

  it('resolves every entity ref to an entity of the demo', () => {
    const unresolved = entities.flatMap((entity) =>
      outgoingRefs(entity)
        .filter(({ target }) => !byRef.has(refKey(target)))
        .map(({ field, ref, target }) => `${describeEntity(entity)}: spec.${field} ${ref} (${refKey(target)})`),
    );
    expect(unresolved).toEqual([]);
  });

  it('points refs at entities of a kind that makes sense', () => {
    const allowedKinds: Record<string, string[]> = {
      owner: ['group', 'user'],
      system: ['system'],
      domain: ['domain'],
      parent: ['group'],
      children: ['group'],
      memberOf: ['group'],
      providesApis: ['api'],
      consumesApis: ['api'],
      dependsOn: ['component', 'resource'],
      dependencyOf: ['component', 'resource'],
      subcomponentOf: ['component'],
    };
    const misdirected = entities.flatMap((entity) =>
      outgoingRefs(entity)
        .filter(({ field, target }) => !(allowedKinds[field] ?? []).includes(target.kind.toLowerCase()))
        .map(({ field, ref }) => `${describeEntity(entity)}: spec.${field} ${ref}`),
    );
    expect(misdirected).toEqual([]);
  });

  it('forms one organisation tree whose parents and children agree', () => {
    const groups = ofKind('Group');
    const roots = groups.filter((group) => group.spec.parent === undefined);
    expect(roots.map((group) => group.spec.type)).toEqual(['organization']);
    const disagreements: string[] = [];
    for (const group of groups) {
      for (const child of stringList(group.spec.children)) {
        const childGroup = byRef.get(refKey({ kind: 'group', namespace: 'default', name: child }));
        if (childGroup?.spec.parent !== group.metadata.name) {
          disagreements.push(`${group.metadata.name} lists ${child}, whose parent is ${String(childGroup?.spec.parent)}`);
        }
      }
      const parent = typeof group.spec.parent === 'string' ? group.spec.parent : undefined;
      const parentGroup = parent && byRef.get(refKey({ kind: 'group', namespace: 'default', name: parent }));
      if (parentGroup && !stringList(parentGroup.spec.children).includes(group.metadata.name)) {
        disagreements.push(`${group.metadata.name} names parent ${parent}, which does not list it`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('staffs every team with at least one member', () => {
    const members = new Set(ofKind('User').flatMap((user) => stringList(user.spec.memberOf)));
    const emptyTeams = ofKind('Group').filter((group) => group.spec.type === 'team' && !members.has(group.metadata.name));
    expect(emptyTeams.map(describeEntity)).toEqual([]);
  });

  it('gives every API a provider and a definition in its own format', () => {
    const provided = new Set(ofKind('Component').flatMap((component) => stringList(component.spec.providesApis)));
    const orphanApis = ofKind('API').filter((api) => !provided.has(api.metadata.name));
    expect(orphanApis.map(describeEntity)).toEqual([]);

    const versionKeys: Record<string, string[]> = { openapi: ['openapi', 'swagger'], asyncapi: ['asyncapi'] };
    const textMarkers: Record<string, RegExp> = { grpc: /^service \w+ \{/m, graphql: /^type Query \{/m };
    const badDefinitions = ofKind('API').filter((api) => {
      const type = String(api.spec.type);
      const definition = String(api.spec.definition);
      const keys = versionKeys[type];
      if (keys) {
        const parsed: unknown = parse(definition);
        return !isObject(parsed) || !keys.some((key) => key in parsed) || !isObject(parsed.info);
      }
      return !textMarkers[type]?.test(definition);
    });
    expect(badDefinitions.map(describeEntity)).toEqual([]);
  });
});

describe('the demo Location', () => {
  const [location, ...others] = ofKind('Location');
  const targets = stringList(location?.spec.targets).map((target) =>
    posix.normalize(posix.join(posix.dirname(location?.file ?? ''), target)),
  );

  it('is the single entry point', () => {
    expect(location?.file).toBe('all.yaml');
    expect(others.map(describeEntity)).toEqual([]);
  });

  it('targets every other catalog file exactly once', () => {
    const expected = listCatalogFiles().filter((file) => file !== location?.file);
    expect([...targets].sort()).toEqual(expected);
    expect(targets.filter((target) => !existsSync(join(catalogDir, target)))).toEqual([]);
  });
});

describe('the demo docs', () => {
  const documented = entities.filter((entity) => isObject(entity.metadata.annotations) && 'backstage.io/techdocs-ref' in entity.metadata.annotations);

  it('keeps an mkdocs site beside every entity that asks for docs', () => {
    expect(documented.length).toBeGreaterThan(0);
    const problemsFound = documented.flatMap((entity) => {
      const annotations = isObject(entity.metadata.annotations) ? entity.metadata.annotations : {};
      if (annotations['backstage.io/techdocs-ref'] !== 'dir:.') return [`${describeEntity(entity)}: techdocs-ref is not dir:.`];
      const folder = posix.dirname(entity.file);
      const config: unknown = parse(readFileSync(join(catalogDir, folder, docsConfigName), 'utf8'));
      if (!isObject(config) || typeof config.site_name !== 'string') return [`${folder}/${docsConfigName}: no site_name`];
      const pages = Array.isArray(config.nav) ? config.nav.flatMap((item) => (isObject(item) ? Object.values(item) : [item])) : [];
      if (pages.length === 0) return [`${folder}/${docsConfigName}: no nav`];
      return pages
        .filter((page) => typeof page !== 'string' || !existsSync(join(catalogDir, folder, 'docs', page)))
        .map((page) => `${folder}/${docsConfigName}: nav page ${String(page)} does not exist`);
    });
    expect(problemsFound).toEqual([]);
  });

  it('has no docs site that no entity points at', () => {
    const sites = listYamlFiles().filter((file) => posix.basename(file) === docsConfigName).map((file) => posix.dirname(file));
    expect(sites.sort()).toEqual(documented.map((entity) => posix.dirname(entity.file)).sort());
  });
});

describe('the demo README', () => {
  it('states the entity counts the catalog really has', () => {
    const readme = readFileSync(join(catalogDir, '..', 'README.md'), 'utf8');
    const stated = Object.fromEntries(
      [...readme.matchAll(/^\| (\w+) \| (\d+)\b/gm)].map(([, kind, count]) => [kind, Number(count)]),
    );
    const actual: Record<string, number> = {};
    for (const entity of entities) actual[entity.kind] = (actual[entity.kind] ?? 0) + 1;
    expect(stated).toEqual(actual);
  });
});
