import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TechDocsMetadata } from '../../common/metadata.js';
import { buildDocsSite, type BuildDocsSiteOptions } from './build-site.js';
import { makeTempFolder, type TempFolder } from './test-fixtures/docs-folder.js';
import { generatedPage } from './test-fixtures/generated-site.js';

const folders: TempFolder[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => folder.remove()));
});

async function tempFolder(files: Record<string, string | Buffer> = {}): Promise<TempFolder> {
  const folder = await makeTempFolder(files);
  folders.push(folder);
  return folder;
}

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d5b1a90000000049454e44ae426082', 'hex');
const fixedNow = () => new Date('2026-01-02T03:04:05.000Z');

async function build(source: TempFolder, options: Partial<BuildDocsSiteOptions> = {}) {
  const out = await tempFolder();
  const outDir = path.join(out.root, 'site');
  const result = await buildDocsSite({ sourceDir: source.root, outDir, baseUrl: '/docs/default/component/payments/', now: fixedNow, ...options });
  return { result, outDir, read: (file: string) => readFile(path.join(outDir, file), 'utf8') };
}

async function buildError(source: TempFolder, options: Partial<BuildDocsSiteOptions> = {}): Promise<Error> {
  const error = await build(source, options).then(
    () => undefined,
    (thrown: unknown) => thrown as Error,
  );
  if (!error) throw new Error('expected the build to fail');
  return error;
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(root, path.posix.join(prefix, entry.name)) : [path.posix.join(prefix, entry.name)])),
  );
  return nested.flat().sort();
}

const paymentsDocs = {
  'mkdocs.yml': [
    'site_name: Payments',
    'site_description: How money moves',
    'repo_url: https://github.com/acme/payments',
    'edit_uri: edit/main/docs/',
    'nav:',
    '  - Home: index.md',
    '  - Guide:',
    '      - guide/install.md',
    '      - Operate: guide/operate.md',
    'plugins:',
    '  - techdocs-core',
  ].join('\n'),
  'docs/index.md': '# Payments\n\nStart with the [install guide](guide/install.md#requirements).\n\n![Architecture](img/arch.png)\n',
  'docs/guide/install.md': '---\ntitle: Installing payments\n---\n# Install\n\n## Requirements\n\nNode 20. Back to [home](../index.md) or [operate](operate.md).\n\n![arch](../img/arch.png)\n',
  'docs/guide/operate.md': '# Operate\n\n!!! warning "On call"\n    Page the team.\n\n```bash\nnpm start\n```\n',
  'docs/extra.md': '# Not in nav\n',
  'docs/img/arch.png': png,
  'docs/raw.html': '<script>alert(1)</script>',
  'docs/app.js': 'alert(1)',
  'docs/.hidden.md': '# hidden',
};

describe('buildDocsSite', () => {
  it('builds every page, copies images and writes techdocs_metadata.json', async () => {
    const source = await tempFolder(paymentsDocs);
    const { result, outDir, read } = await build(source, { assetBaseUrl: '/api/techdocs/static/docs/default/component/payments/' });

    expect(await listFiles(outDir)).toEqual([
      'extra/index.html',
      'guide/install/index.html',
      'guide/operate/index.html',
      'img/arch.png',
      'index.html',
      'techdocs_metadata.json',
    ]);
    expect(await readFile(path.join(outDir, 'img/arch.png'))).toEqual(png);
    expect(await read('guide/install/index.html')).toContain(
      '<p>Node 20. Back to <a href="/docs/default/component/payments/">home</a> or <a href="/docs/default/component/payments/guide/operate/">operate</a>.</p>\n' +
        '<p><img src="/api/techdocs/static/docs/default/component/payments/img/arch.png" alt="arch"></p>',
    );
    expect(await read('index.html')).toContain('<a href="/docs/default/component/payments/guide/install/#requirements">install guide</a>');
    expect(await read('guide/operate/index.html')).toContain('<div class="admonition warning"><p class="admonition-title">On call</p>');

    const metadata = JSON.parse(await read('techdocs_metadata.json')) as TechDocsMetadata;
    expect(metadata).toEqual(result.metadata);
    expect(metadata).toMatchObject({
      site_name: 'Payments',
      site_description: 'How money moves',
      build_timestamp: Date.parse('2026-01-02T03:04:05.000Z'),
      repoUrl: 'https://github.com/acme/payments',
      files: ['extra/index.html', 'guide/install/index.html', 'guide/operate/index.html', 'img/arch.png', 'index.html'],
      sourceFiles: ['mkdocs.yml', 'docs/extra.md', 'docs/guide/install.md', 'docs/guide/operate.md', 'docs/img/arch.png', 'docs/index.md'],
      nav: [
        { type: 'page', title: 'Home', path: '' },
        {
          type: 'section', title: 'Guide',
          children: [
            { type: 'page', title: 'Installing payments', path: 'guide/install/' },
            { type: 'page', title: 'Operate', path: 'guide/operate/' },
          ],
        },
      ],
    });
    expect(metadata.etag).toMatch(/^[0-9a-f]{64}$/);
    expect(metadata.pages.find((page) => page.path === 'guide/install/')).toEqual({
      path: 'guide/install/',
      title: 'Installing payments',
      sourceFile: 'docs/guide/install.md',
      editUrl: 'https://github.com/acme/payments/edit/main/docs/guide/install.md',
      sections: [
        { id: 'install', title: 'Install', depth: 1, text: '' },
        { id: 'requirements', title: 'Requirements', depth: 2, text: 'Node 20. Back to home or operate .' },
      ],
    });
    expect(result.warnings).toEqual([]);
  });

  it('builds a folder that has only docs/index.md', async () => {
    const source = await tempFolder({ 'docs/index.md': 'Hello **docs**.' });
    const { result, read } = await build(source, { siteName: 'payments' });
    expect(await read('index.html')).toBe('<p>Hello <strong>docs</strong>.</p>');
    expect(result.metadata).toMatchObject({ site_name: 'payments', nav: [{ type: 'page', title: 'Home', path: '' }], sourceFiles: ['docs/index.md'] });
  });

  it('publishes a README as its folder index and orders a site without nav by file', async () => {
    const source = await tempFolder({
      'docs/README.md': '# Readme home',
      'docs/b.md': '# B',
      'docs/a.md': '# A',
      'docs/ops/README.md': '# Ops',
      'docs/ops/runbook.md': '# Runbook',
    });
    const { result } = await build(source);
    expect(result.metadata.nav).toEqual([
      { type: 'page', title: 'Readme home', path: '' },
      { type: 'page', title: 'A', path: 'a/' },
      { type: 'page', title: 'B', path: 'b/' },
      { type: 'section', title: 'Ops', children: [{ type: 'page', title: 'Ops', path: 'ops/' }, { type: 'page', title: 'Runbook', path: 'ops/runbook/' }] },
    ]);
  });

  it('is deterministic, and its etag changes when a source changes', async () => {
    const source = await tempFolder(paymentsDocs);
    const first = await build(source);
    const second = await build(source);
    expect(second.result.metadata).toEqual(first.result.metadata);
    expect(await second.read('guide/operate/index.html')).toBe(await first.read('guide/operate/index.html'));

    await source.write('docs/guide/operate.md', '# Operate\n\nChanged.');
    const third = await build(source);
    expect(third.result.metadata.etag).not.toBe(first.result.metadata.etag);
    expect(await third.read('guide/operate/index.html')).toContain('Changed.');
  });

  it('replaces a previous site whole, dropping pages that were removed', async () => {
    const source = await tempFolder(paymentsDocs);
    const out = await tempFolder();
    const outDir = path.join(out.root, 'site');
    await buildDocsSite({ sourceDir: source.root, outDir, baseUrl: '/d/' });
    await rm(path.join(source.root, 'docs/extra.md'));
    await buildDocsSite({ sourceDir: source.root, outDir, baseUrl: '/d/' });
    expect(await listFiles(outDir)).not.toContain('extra/index.html');
    expect(await readdir(out.root)).toEqual(['site']);
  });

  it('lets builds of different sites and of the same site run at the same time', async () => {
    const source = await tempFolder(paymentsDocs);
    const out = await tempFolder();
    const outDir = path.join(out.root, 'site');
    const results = await Promise.all([
      buildDocsSite({ sourceDir: source.root, outDir, baseUrl: '/d/' }),
      buildDocsSite({ sourceDir: source.root, outDir, baseUrl: '/d/' }),
      buildDocsSite({ sourceDir: source.root, outDir: path.join(out.root, 'other'), baseUrl: '/d/' }),
    ]);
    expect(new Set(results.map((result) => result.metadata.etag)).size).toBe(1);
    expect((await readdir(out.root)).sort()).toEqual(['other', 'site']);
    expect(await listFiles(outDir)).toContain('guide/install/index.html');
  });

  it('fails with every problem listed and leaves the previous site untouched', async () => {
    const source = await tempFolder(paymentsDocs);
    const { outDir } = await build(source);
    const before = await listFiles(outDir);
    await source.write('docs/guide/install.md', '# Install\n\n[passwd](../../../etc/passwd)\n');
    await source.write('docs/guide/operate.md', '# Operate\n\n![key](../../.ssh/id_rsa.png)\n');
    const error = await buildDocsSite({ sourceDir: source.root, outDir, baseUrl: '/d/' }).catch((thrown: unknown) => thrown as Error);
    expect(error).toMatchObject({ name: 'InputError' });
    expect((error as Error).message).toBe(
      'Cannot build docs (2 problems):\n' +
        "docs/guide/install.md:3: link '../../../etc/passwd' leaves the docs folder\n" +
        "docs/guide/operate.md:3: image '../../.ssh/id_rsa.png' leaves the docs folder",
    );
    expect(await listFiles(outDir)).toEqual(before);
    expect(await readdir(path.dirname(outDir))).toEqual(['site']);
  });

  it('rejects nav entries that leave the docs folder', async () => {
    const source = await tempFolder({ 'mkdocs.yml': 'site_name: x\nnav:\n  - Secrets: ../../etc/passwd.md\n', 'docs/index.md': '# x' });
    expect((await buildError(source)).message).toBe("Cannot build docs: mkdocs.yml:3: nav entry '../../etc/passwd.md' leaves the docs folder");
  });

  it('rejects a docs_dir that leaves the source folder', async () => {
    const source = await tempFolder({ 'mkdocs.yml': 'site_name: x\ndocs_dir: ../../etc\n', 'docs/index.md': '# x' });
    expect((await buildError(source)).message).toBe("Cannot build docs: mkdocs.yml:2:11: docs_dir '../../etc' leaves the docs source folder");
  });

  it('rejects pages, images and folders that are symlinks to outside the docs folder', async () => {
    const outside = await tempFolder({ 'secret.md': '# host secret', 'key.png': png, 'dir/x.md': '# x' });
    const source = await tempFolder({ 'mkdocs.yml': 'site_name: x', 'docs/index.md': '# Home\n\n![k](key.png)' });
    await source.link('docs/leak.md', path.join(outside.root, 'secret.md'));
    await source.link('docs/key.png', path.join(outside.root, 'key.png'));
    await source.link('docs/linked-dir', path.join(outside.root, 'dir'));
    await source.link('docs/mkdocs-parent.md', path.join(source.root, 'mkdocs.yml'));
    expect((await buildError(source)).message).toBe(
      'Cannot build docs (4 problems):\n' +
        'docs/key.png: is a symlink to a path outside the docs folder\n' +
        'docs/leak.md: is a symlink to a path outside the docs folder\n' +
        'docs/linked-dir: is a symlink to a path outside the docs folder\n' +
        'docs/mkdocs-parent.md: is a symlink to a path outside the docs folder',
    );
  });

  it('follows symlinks that stay inside the docs folder', async () => {
    const source = await tempFolder({ 'docs/index.md': '# Home', 'docs/shared/part.md': '# Part' });
    await source.link('docs/alias.md', path.join(source.root, 'docs/shared/part.md'));
    await source.link('docs/loop', path.join(source.root, 'docs'));
    const { result } = await build(source);
    expect(result.metadata.pages.map((page) => page.path)).toEqual(['alias/', '', 'shared/part/']);
  });

  it('rejects two sources that would publish the same page', async () => {
    const source = await tempFolder({ 'docs/index.md': '# x', 'docs/guide.md': '# a', 'docs/guide/index.md': '# b' });
    expect((await buildError(source)).message).toBe(
      "Cannot build docs: docs/guide.md: would be published at 'guide/', which 'docs/guide/index.md' already uses",
    );
  });

  it('rejects an output folder inside the docs folder or around the sources', async () => {
    const source = await tempFolder({ 'docs/index.md': '# x' });
    const inside = await buildDocsSite({ sourceDir: source.root, outDir: path.join(source.root, 'docs/site'), baseUrl: '/' }).catch((e: unknown) => e as Error);
    expect((inside as Error).message).toContain('may not contain the docs source folder or lie inside the docs folder');
    const around = await buildDocsSite({ sourceDir: source.root, outDir: source.root, baseUrl: '/' }).catch((e: unknown) => e as Error);
    expect((around as Error).message).toContain('may not contain the docs source folder');
    expect((await stat(path.join(source.root, 'docs/index.md'))).isFile()).toBe(true);
    // MkDocs' own habit, `site/` beside mkdocs.yml, is fine.
    await buildDocsSite({ sourceDir: source.root, outDir: path.join(source.root, 'site'), baseUrl: '/' });
    expect(await readFile(path.join(source.root, 'site/index.html'), 'utf8')).toContain('<h1 id="x">');
  });

  it('warns about links to missing pages without failing', async () => {
    const source = await tempFolder({ 'docs/index.md': '# x\n\n[gone](gone.md)' });
    const lines: string[] = [];
    const { result } = await build(source, { log: (line) => lines.push(line) });
    expect(result.warnings).toEqual([{ file: 'docs/index.md', line: 3, message: "link 'gone.md' points to 'gone.md', which is not a page of this site" }]);
    expect(lines[0]).toBe('Building 1 pages and 0 files from docs/');
    expect(lines).toContain("warning: docs/index.md:3: link 'gone.md' points to 'gone.md', which is not a page of this site");
  });

  it('builds a generated site with code blocks, admonitions and cross links end to end', async () => {
    const files: Record<string, string> = { 'mkdocs.yml': 'site_name: Generated' };
    for (let index = 0; index < 40; index += 1) {
      files[`docs/section-${index % 4}/page-${index}.md`] = generatedPage(index, 40);
    }
    files['docs/index.md'] = '# Generated\n';
    const source = await tempFolder(files);
    const { result, read } = await build(source);
    expect(result.metadata.pages).toHaveLength(41);
    expect(result.metadata.nav.map((item) => item.title)).toEqual(['Generated', 'Section 0', 'Section 1', 'Section 2', 'Section 3']);
    const page = await read('section-1/page-5/index.html');
    expect(page).toContain('<a href="/docs/default/component/payments/section-2/page-6/#usage">next</a>');
    expect(page).toContain('data-language="ts"');
    expect(page).toContain('class="admonition tip"');
    expect(result.metadata.pages.find((p) => p.path === 'section-1/page-5/')?.sections.map((s) => s.id)).toEqual(['page-5', 'usage', 'details']);
  });
});
