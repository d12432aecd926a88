import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments, YamlParseError } from './parse-yaml.js';

const limits = { maxDepth: 100, maxAliasExpansion: 100_000 };

function failure(text: string): YamlParseError {
  try {
    parseYamlDocuments(text, limits);
  } catch (error) {
    if (error instanceof YamlParseError) return error;
    throw error;
  }
  throw new Error('expected a YamlParseError');
}

describe('parseYamlDocuments', () => {
  it('returns the non-empty documents with their index', () => {
    expect(parseYamlDocuments('a: 1\n---\n---\n# only a comment\n---\nb: [x]\n', limits)).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 3, value: { b: ['x'] } },
    ]);
    expect(parseYamlDocuments('', limits)).toEqual([]);
  });

  it('reads YAML 1.2 core: dates and "on" stay strings, no merge keys', () => {
    expect(parseYamlDocuments('d: 2024-01-01\nw: on\nn: 0o17\nbase: &b {x: 1}\nm: {<<: *b}\n', limits)[0]?.value).toEqual({
      d: '2024-01-01',
      w: 'on',
      n: 15,
      base: { x: 1 },
      m: { '<<': { x: 1 } },
    });
  });

  it('reports malformed YAML with its line and column', () => {
    const error = failure('apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [a, b\n  title: x\n');
    expect(error.message).toMatch(/^invalid YAML: /);
    expect([error.line, error.column]).toEqual([5, 3]);
    expect(error.message).toBe('invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it('names the document of a multi-document file', () => {
    const error = failure('a: 1\n---\nb: "unterminated\n');
    expect(error.message).toBe('invalid YAML (document 2): Missing closing "quote');
    expect([error.line, error.column]).toEqual([4, 1]);
  });

  it('refuses duplicate keys and custom tags', () => {
    expect(failure('a: 1\na: 2\n').message).toMatch(/^invalid YAML: Map keys must be unique/);
    expect(failure('a: !!js/function "function () {}"\n').message).toMatch(/^invalid YAML: /);
  });

  it('stops an alias bomb fast, before anything walks it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = performance.now();
    const error = failure(`${levels.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toBe(
      `its aliases expand to more than ${levels.join('\n').length * 2 + 2 + 100_000} nodes, which looks like a YAML alias bomb (catalog.limits.maxAliasExpansion)`,
    );
  });

  it('accepts a few aliases', () => {
    expect(parseYamlDocuments('x: &t [a, b]\ny: *t\n', limits)[0]?.value).toEqual({ x: ['a', 'b'], y: ['a', 'b'] });
  });

  it('stops deep nesting with a depth error instead of overflowing the stack', () => {
    const flow = failure(`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(flow.message).toBe('the YAML nests deeper than 100 levels (catalog.limits.maxDepth)');
    expect(flow.line).toBe(1);
    let block = '';
    for (let depth = 0; depth < 150; depth++) block += `${' '.repeat(depth)}k${depth}:\n`;
    expect(failure(block).message).toBe('the YAML nests deeper than 100 levels (catalog.limits.maxDepth)');
  });

  it('parses every real-world catalog file like the yaml package does', () => {
    const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../../shared/corpus/real-world');
    const files = fs.readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((file) => /\.ya?ml$/.test(file));
    expect(files.length).toBeGreaterThan(100);
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const reference = parseAllDocuments(text, { logLevel: 'error' });
      const list = Array.isArray(reference) ? reference : [];
      if (list.some((document) => document.errors.length > 0)) continue;
      const expected = list.map((document, index) => ({ index, value: document.toJSON() as unknown })).filter((document) => document.value !== null && document.value !== undefined);
      expect(parseYamlDocuments(text, limits), file).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
