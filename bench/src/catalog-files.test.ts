import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCatalog, pickComponentRefs } from './catalog-files.js';
import { parseExpected } from './expected.js';
import { peerHarnessDir } from './paths.js';
import { expectedSpecRelations, missingSpecRelations } from './relations.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const generator = path.join(peerHarnessDir, 'gen-catalog.mjs');

describe('ensureCatalog', () => {
  it('generates with the peer generator once, then reuses the files byte for byte', async () => {
    const target = path.join(dir, 'cat-300');
    const first = await ensureCatalog({ entities: 300, dir: target, generatorScript: generator, log: () => {} });
    expect(first.generated).toBe(true);
    expect(first.expected.n).toBe(300);
    expect(first.locationFile).toBe(path.join(target, 'catalog-info.yaml'));
    const before = fs.readFileSync(path.join(target, 'entities-00002.yaml'));
    const second = await ensureCatalog({ entities: 300, dir: target, generatorScript: generator, log: () => {} });
    expect(second.generated).toBe(false);
    expect(fs.readFileSync(path.join(target, 'entities-00002.yaml')).equals(before)).toBe(true);
  });

  it('refuses a directory that holds another N', async () => {
    const target = path.join(dir, 'cat-300');
    await expect(ensureCatalog({ entities: 400, dir: target, generatorScript: generator, log: () => {} })).rejects.toThrow(
      `${target} holds a catalog of N=300, not 400`,
    );
  });
});

describe('pickComponentRefs', () => {
  it('spreads the refs over every component in the files', async () => {
    const target = path.join(dir, 'cat-300');
    const refs = pickComponentRefs(target, 100);
    const components = (await ensureCatalog({ entities: 300, dir: target, generatorScript: generator, log: () => {} })).expected.byKind.Component;
    expect(refs).toHaveLength(100);
    expect(new Set(refs).size).toBe(100);
    for (const ref of refs) expect(ref).toMatch(/^component:default\/[a-z-]+-\d{6}$/);
    const all = fs.readFileSync(path.join(target, 'entities-00002.yaml'), 'utf8');
    expect(all).toContain(`name: ${refs[99]!.split('/')[1]}`);
    expect(() => pickComponentRefs(target, (components ?? 0) + 1)).toThrow(/fewer than/);
  });
});

describe('parseExpected', () => {
  it('names the field that is missing or of the wrong type', () => {
    expect(() => parseExpected({ n: 10 }, 'x.json')).toThrow('x.json: byKind must be an object of counts');
    const valid = JSON.parse(fs.readFileSync(path.join(dir, 'cat-300', 'expected.json'), 'utf8')) as Record<string, unknown>;
    expect(parseExpected(valid, 'ok').queries.counts.serviceComponents).toBeGreaterThan(0);
    expect(() => parseExpected({ ...valid, checks: [] }, 'x.json')).toThrow('x.json: checks must be a non-empty list');
    expect(() => parseExpected({ ...valid, queries: { ...(valid.queries as object), byName: 'x' } }, 'x.json')).toThrow(
      "queries.byName must be kind/namespace/name, not 'x'",
    );
  });
});

describe('spec relations of the sample entity', () => {
  it('expects one relation per spec reference, with kinds lower-cased and the default namespace', () => {
    expect(
      expectedSpecRelations({ owner: 'group:Team-A', system: 'sys', dependsOn: ['component:x', 'resource:ops/db'], providesApis: ['a'], consumesApis: ['b'] }),
    ).toEqual([
      'ownedBy:group:default/Team-A',
      'partOf:system:default/sys',
      'dependsOn:component:default/x',
      'dependsOn:resource:ops/db',
      'providesApi:api:default/a',
      'consumesApi:api:default/b',
    ]);
  });

  it('lists what the entity lacks', () => {
    const entity = { spec: { owner: 'team-a', system: 'sys' }, relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }] };
    expect(missingSpecRelations(entity)).toEqual({ expected: 2, missing: ['partOf:system:default/sys'] });
    expect(missingSpecRelations(null)).toEqual({ expected: 0, missing: [] });
  });
});
