import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDocsConfig } from './mkdocs-config.js';
import { ProblemList } from './problems.js';
import { makeTempFolder, type TempFolder } from './test-fixtures/docs-folder.js';

const folders: TempFolder[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => folder.remove()));
});

async function read(files: Record<string, string>) {
  const folder = await makeTempFolder(files);
  folders.push(folder);
  const problems = new ProblemList();
  const config = await readDocsConfig(folder.root, problems, { siteName: 'fallback' });
  return { config, problems, folder };
}

describe('readDocsConfig', () => {
  it('reads site_name, docs_dir, nav, repo_url and edit_uri', async () => {
    const { config, problems } = await read({
      'mkdocs.yml': [
        'site_name: Payments',
        'site_description: How money moves',
        'docs_dir: documentation',
        'repo_url: https://github.com/acme/payments',
        'edit_uri: edit/main/documentation/',
        'nav:',
        '  - index.md',
        '  - Guide:',
        '      - Install: guide/install.md',
        '  - Status: https://status.example.com',
      ].join('\n'),
      'documentation/index.md': '# Hi',
    });
    expect(problems.errors).toEqual([]);
    expect(config).toMatchObject({
      configFile: 'mkdocs.yml',
      siteName: 'Payments',
      siteDescription: 'How money moves',
      docsDir: 'documentation',
      repoUrl: 'https://github.com/acme/payments',
      editUri: 'edit/main/documentation/',
      nav: [
        { kind: 'page', target: 'index.md', line: 7 },
        { kind: 'section', title: 'Guide', line: 8, children: [{ kind: 'page', title: 'Install', target: 'guide/install.md', line: 9 }] },
        { kind: 'page', title: 'Status', target: 'https://status.example.com', line: 10 },
      ],
    });
  });

  it('works with only docs/index.md and no mkdocs.yml', async () => {
    const { config, problems } = await read({ 'docs/index.md': '# Hi' });
    expect(problems.errors).toEqual([]);
    expect(config).toMatchObject({ siteName: 'fallback', docsDir: 'docs' });
    expect(config?.configFile).toBeUndefined();
    expect(config?.nav).toBeUndefined();
  });

  it('accepts mkdocs.yaml too', async () => {
    const { config } = await read({ 'mkdocs.yaml': 'site_name: Y', 'docs/index.md': 'x' });
    expect(config).toMatchObject({ configFile: 'mkdocs.yaml', siteName: 'Y' });
  });

  it('reads hooks, plugins and markdown_extensions as data without acting on them', async () => {
    const { config, problems } = await read({
      'mkdocs.yml': [
        'site_name: Data only',
        'hooks:',
        '  - hooks/evil.py',
        'plugins:',
        '  - techdocs-core',
        '  - search:',
        '      lang: en',
        'markdown_extensions:',
        '  - admonition',
        '  - pymdownx.superfences:',
        '      custom_fences:',
        '        - name: mermaid',
        '          class: mermaid',
        'theme:',
        '  name: material',
        '  custom_dir: ../../outside',
      ].join('\n'),
      'docs/index.md': 'x',
      'hooks/evil.py': 'raise SystemExit("ran")',
    });
    expect(problems.errors).toEqual([]);
    expect(config?.siteName).toBe('Data only');
    expect(problems.warnings).toEqual([{ file: 'mkdocs.yml', line: 3, column: 3, message: "'hooks' is read as data only: hooks are never executed" }]);
  });

  it('rejects Python tags with the file, line and tag', async () => {
    const { config, problems } = await read({
      'mkdocs.yml': [
        'site_name: Tags',
        'markdown_extensions:',
        '  - pymdownx.emoji:',
        '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
        '  - x: !!python/object/apply:os.system ["touch /tmp/pwned"]',
      ].join('\n'),
      'docs/index.md': 'x',
    });
    expect(config).toBeUndefined();
    expect(problems.errors).toEqual([
      {
        file: 'mkdocs.yml', line: 4, column: 20,
        message: "YAML tag '!!python/name:material.extensions.emoji.twemoji' is not allowed: the file is read as plain data and nothing in it is executed",
      },
      {
        file: 'mkdocs.yml', line: 5, column: 8,
        message: "YAML tag '!!python/object/apply:os.system' is not allowed: the file is read as plain data and nothing in it is executed",
      },
    ]);
  });

  it('rejects other unknown tags (!ENV, !include, !!binary) instead of reading them as strings', async () => {
    const { problems } = await read({ 'mkdocs.yml': 'site_name: !ENV [NAME, x]\nnav: !include ./nav.yml\nlogo: !!binary aGk=\n', 'docs/index.md': 'x' });
    expect(problems.errors.map((problem) => [problem.line, problem.message.split(':')[0]])).toEqual([
      [1, "YAML tag '!ENV' is not allowed"],
      [2, "YAML tag '!include' is not allowed"],
      [3, "YAML tag '!!binary' is not allowed"],
    ]);
  });

  it('reports YAML syntax errors and alias bombs with their place', async () => {
    const broken = await read({ 'mkdocs.yml': 'site_name: x\nnav: [a\n', 'docs/index.md': 'x' });
    expect(broken.problems.errors[0]).toMatchObject({ file: 'mkdocs.yml', message: expect.stringMatching(/^invalid YAML: /) });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((key, index) => `${key}: &${key} [${Array(9).fill(`*${'abcdefgh'[index]}`).join(', ')}]`)].join('\n');
    const bombed = await read({ 'mkdocs.yml': bomb, 'docs/index.md': 'x' });
    expect(bombed.problems.errors).toEqual([{ file: 'mkdocs.yml', message: expect.stringContaining('Excessive alias count') }]);
  });

  it('rejects wrongly typed settings and malformed nav entries with their lines', async () => {
    const { problems } = await read({ 'mkdocs.yml': 'site_name: [a]\nnav:\n  - {a: x.md, b: y.md}\n  - Empty:\n', 'docs/index.md': 'x' });
    expect(problems.errors).toEqual([
      { file: 'mkdocs.yml', line: 1, column: 12, message: "'site_name' must be a string" },
      { file: 'mkdocs.yml', line: 3, column: 5, message: "each 'nav' entry must be a path, or a single 'Title: path' or 'Title: [entries]'" },
      { file: 'mkdocs.yml', line: 4, column: 5, message: "'nav' entry 'Empty' must point to a path, a URL or a list of entries" },
    ]);
  });

  it('rejects a docs_dir that leaves the source folder', async () => {
    for (const docsDir of ['../elsewhere', '/etc', 'docs/../../x', '.']) {
      const { config, problems } = await read({ 'mkdocs.yml': `site_name: x\ndocs_dir: '${docsDir}'`, 'docs/index.md': 'x' });
      expect(config).toBeUndefined();
      expect(problems.errors).toEqual([expect.objectContaining({ file: 'mkdocs.yml', line: 2, message: expect.stringContaining(`docs_dir '`) })]);
    }
  });

  it('rejects a docs_dir that is a symlink to outside the source folder', async () => {
    const outside = await makeTempFolder({ 'secret.md': 'host secret' });
    folders.push(outside);
    const folder = await makeTempFolder({ 'mkdocs.yml': 'site_name: x\ndocs_dir: docs' });
    folders.push(folder);
    await folder.link('docs', outside.root);
    const problems = new ProblemList();
    expect(await readDocsConfig(folder.root, problems, { siteName: 'x' })).toBeUndefined();
    expect(problems.errors).toEqual([
      { file: 'mkdocs.yml', line: 2, column: 11, message: "docs_dir 'docs' resolves (through a symlink) outside the docs source folder" },
    ]);
  });

  it('rejects an mkdocs.yml that is a symlink to a file elsewhere', async () => {
    const outside = await makeTempFolder({ 'mkdocs.yml': 'site_name: elsewhere' });
    folders.push(outside);
    const folder = await makeTempFolder({ 'docs/index.md': 'x' });
    folders.push(folder);
    await folder.link('mkdocs.yml', path.join(outside.root, 'mkdocs.yml'));
    const problems = new ProblemList();
    expect(await readDocsConfig(folder.root, problems, { siteName: 'x' })).toBeUndefined();
    expect(problems.errors).toEqual([{ file: 'mkdocs.yml', message: 'is a symlink to a file outside the docs source folder' }]);
  });

  it('reports a missing docs folder', async () => {
    const { problems } = await read({ 'mkdocs.yml': 'site_name: x' });
    expect(problems.errors).toEqual([{ file: 'mkdocs.yml', message: "docs_dir 'docs' does not exist" }]);
  });
});
