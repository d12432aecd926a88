import { beforeAll, describe, expect, it } from 'vitest';
import { createPageRenderer, type PageRenderer } from './render-page.js';

const site = {
  pagePathBySource: new Map([
    ['index.md', ''],
    ['guide/install.md', 'guide/install/'],
    ['guide/index.md', 'guide/'],
    ['reference/api.md', 'reference/api/'],
  ]),
  pagePaths: new Set(['', 'guide/install/', 'guide/', 'reference/api/']),
  assets: new Set(['img/arch.png', 'guide/shot.png', 'files/spec.pdf']),
};

let render: PageRenderer;
beforeAll(async () => {
  render = await createPageRenderer({ site, baseUrl: '/docs/default/component/api', assetBaseUrl: '/api/techdocs/static/docs/default/component/api/' });
});

const html = async (markdown: string, sourcePath = 'guide/install.md') => (await render({ markdown, sourcePath, file: `docs/${sourcePath}` })).html;

describe('CommonMark and GFM', () => {
  it('renders emphasis, lists, quotes and inline code', async () => {
    expect(await html('Some *em*, **strong** and `code`.\n\n> quoted\n\n1. one\n2. two')).toBe(
      '<p>Some <em>em</em>, <strong>strong</strong> and <code>code</code>.</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>',
    );
  });

  it('renders tables with alignment', async () => {
    const out = await html('| Name | Port |\n| :--- | ---: |\n| api | 7007 |');
    expect(out).toContain('<th align="left">Name</th>');
    expect(out).toContain('<td align="right">7007</td>');
    expect(out).toMatch(/^<table>\n<thead>/);
  });

  it('renders task lists as disabled checkboxes', async () => {
    expect(await html('- [x] done\n- [ ] open')).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n<li class="task-list-item"><input type="checkbox" disabled> open</li>\n</ul>',
    );
  });

  it('renders strikethrough and autolinks', async () => {
    expect(await html('~~old~~ see https://example.com and www.example.org')).toBe(
      '<p><del>old</del> see <a href="https://example.com">https://example.com</a> and <a href="http://www.example.org">www.example.org</a></p>',
    );
  });

  it('renders footnotes without adding their hidden heading to the table of contents', async () => {
    const page = await render({ markdown: '# T\n\nText[^1].\n\n[^1]: The note.', sourcePath: 'a.md', file: 'docs/a.md' });
    expect(page.html).toContain('<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a></sup>');
    expect(page.html).toContain('<h2 class="sr-only" id="footnote-label">Footnotes</h2>');
    expect(page.html).toContain('<li id="user-content-fn-1">\n<p>The note. <a href="#user-content-fnref-1"');
    expect(page.sections).toEqual([{ id: 't', title: 'T', depth: 1, text: 'Text 1 . The note. ↩' }]);
  });

  it('keeps prose with colons as text (no stray directives)', async () => {
    expect(await html('Ratio a:b, at 10:30, Note:This and std::vector')).toBe('<p>Ratio a:b, at 10:30, Note:This and std::vector</p>');
  });

  it('keeps a container directive the author typed as visible text', async () => {
    expect(await html(':::danger{x=1}\nbody\n:::')).toBe('<p>:::danger{x=1}</p>\n<p>body</p>');
  });

  it('keeps safe raw HTML', async () => {
    expect(await html('Press <kbd>Ctrl</kbd> and <mark>see</mark>.')).toBe('<p>Press <kbd>Ctrl</kbd> and <mark>see</mark>.</p>');
  });
});

describe('headings', () => {
  it('gives headings ids and permalinks, de-duplicating repeated titles', async () => {
    const out = await html('# Install it\n\n## Steps\n\n## Steps');
    expect(out).toBe(
      [
        '<h1 id="install-it">Install it<a class="headerlink" aria-label="Permanent link" href="#install-it">¶</a></h1>',
        '<h2 id="steps">Steps<a class="headerlink" aria-label="Permanent link" href="#steps">¶</a></h2>',
        '<h2 id="steps-1">Steps<a class="headerlink" aria-label="Permanent link" href="#steps-1">¶</a></h2>',
      ].join('\n'),
    );
  });

  it('returns the table of contents and one section per heading as data', async () => {
    const page = await render({
      markdown: 'Intro text.\n\n# Guide\n\nLead.\n\n## Install\n\nRun `npm i`.\n\n### On Linux\n\nUse apt.\n\n## Use\n\nCall it.',
      sourcePath: 'guide/install.md',
      file: 'docs/guide/install.md',
    });
    expect(page.sections).toEqual([
      { id: '', title: '', depth: 0, text: 'Intro text.' },
      { id: 'guide', title: 'Guide', depth: 1, text: 'Lead.' },
      { id: 'install', title: 'Install', depth: 2, text: 'Run npm i .' },
      { id: 'on-linux', title: 'On Linux', depth: 3, text: 'Use apt.' },
      { id: 'use', title: 'Use', depth: 2, text: 'Call it.' },
    ]);
    expect(page.toc).toEqual([
      {
        id: 'guide', title: 'Guide', depth: 1,
        children: [
          { id: 'install', title: 'Install', depth: 2, children: [{ id: 'on-linux', title: 'On Linux', depth: 3, children: [] }] },
          { id: 'use', title: 'Use', depth: 2, children: [] },
        ],
      },
    ]);
  });
});

describe('titles and front matter', () => {
  it('takes the title from front matter and drops the block from the page', async () => {
    const page = await render({ markdown: '---\ntitle: Installing\ntags: [a]\n---\n# Install\n\nText', sourcePath: 'guide/install.md', file: 'docs/guide/install.md' });
    expect(page.title).toBe('Installing');
    expect(page.html).not.toContain('tags');
    expect(page.html).toMatch(/^<h1 id="install">/);
  });

  it('falls back to the first H1, then to the file or folder name', async () => {
    expect((await render({ markdown: 'x\n\n# First\n\n# Second', sourcePath: 'a.md', file: 'docs/a.md' })).title).toBe('First');
    expect((await render({ markdown: 'no heading', sourcePath: 'getting-started.md', file: 'docs/getting-started.md' })).title).toBe('Getting started');
    expect((await render({ markdown: 'no heading', sourcePath: 'ops/index.md', file: 'docs/ops/index.md' })).title).toBe('Ops');
    expect((await render({ markdown: 'no heading', sourcePath: 'index.md', file: 'docs/index.md' })).title).toBe('Home');
  });

  it('rejects executable YAML tags in front matter, naming the line', async () => {
    const page = await render({ markdown: '---\ntitle: x\nhook: !!python/name:os.system\n---\ntext', sourcePath: 'a.md', file: 'docs/a.md' });
    expect(page.errors).toEqual([
      expect.objectContaining({ file: 'docs/a.md', line: 3, message: expect.stringContaining("YAML tag '!!python/name:os.system' is not allowed") }),
    ]);
  });
});

describe('admonitions', () => {
  it('renders "!!! type \\"Title\\"" as a titled block', async () => {
    expect(await html('!!! note "Read *this* & that"\n    Body with **bold**.\n\n    Second paragraph.\n\nAfter.')).toBe(
      '<div class="admonition note"><p class="admonition-title">Read *this* &#x26; that</p><p>Body with <strong>bold</strong>.</p><p>Second paragraph.</p></div>\n<p>After.</p>',
    );
  });

  it('uses the capitalised type as the default title, and no title for ""', async () => {
    expect(await html('!!! warning\n    Careful.')).toBe('<div class="admonition warning"><p class="admonition-title">Warning</p><p>Careful.</p></div>');
    expect(await html('!!! tip ""\n    Bare.')).toBe('<div class="admonition tip"><p>Bare.</p></div>');
  });

  it('keeps extra classes', async () => {
    expect(await html('!!! info inline end "Side"\n    x')).toBe('<div class="admonition info inline end"><p class="admonition-title">Side</p><p>x</p></div>');
  });

  it('renders ??? as a closed <details> and ???+ as an open one', async () => {
    expect(await html('??? warning "Spoiler"\n    Hidden.')).toBe('<details class="admonition warning"><summary>Spoiler</summary><p>Hidden.</p></details>');
    expect(await html('???+ bug\n    Shown.')).toBe('<details class="admonition bug" open><summary>Bug</summary><p>Shown.</p></details>');
  });

  it('nests admonitions and keeps code inside them', async () => {
    const out = await html('!!! note "Outer"\n    Text.\n\n    !!! danger "Inner"\n        Deep.\n\n    ```yaml\n    a: 1\n    ```');
    expect(out).toMatch(
      /^<div class="admonition note"><p class="admonition-title">Outer<\/p><p>Text.<\/p><div class="admonition danger"><p class="admonition-title">Inner<\/p><p>Deep.<\/p><\/div><pre class="shiki [^"]*"[^>]* data-language="yaml">/,
    );
    expect(out.endsWith('</code></pre></div>')).toBe(true);
  });

  it('leaves admonition syntax inside fenced code alone', async () => {
    const out = await html('```text\n!!! note\n    not an admonition\n```');
    expect(out).toContain('!!! note');
    expect(out).not.toContain('class="admonition');
  });

  it('works inside list items', async () => {
    expect(await html('- item\n\n    !!! note\n        inside')).toBe(
      '<ul>\n<li>\n<p>item</p>\n<div class="admonition note"><p class="admonition-title">Note</p><p>inside</p></div>\n</li>\n</ul>',
    );
  });
});

describe('content tabs', () => {
  it('groups consecutive === blocks into one tab set with buttons', async () => {
    expect(await html('=== "npm"\n    npm i\n\n=== "yarn"\n    yarn add\n\nAfter.')).toBe(
      '<div class="tabbed-set" data-tabs=""><div class="tabbed-labels" role="tablist">' +
        '<button type="button" role="tab" aria-selected="true" data-tab-index="0">npm</button>' +
        '<button type="button" role="tab" aria-selected="false" data-tab-index="1">yarn</button></div>' +
        '<div class="tabbed-block" data-tab-label="npm" role="tabpanel" data-tab-index="0" data-active=""><p>npm i</p></div>' +
        '<div class="tabbed-block" data-tab-label="yarn" role="tabpanel" data-tab-index="1"><p>yarn add</p></div></div>\n<p>After.</p>',
    );
  });

  it('selects the ===+ tab and starts a new set at ===!', async () => {
    const out = await html('=== "A"\n    a\n\n===+ "B"\n    b\n\n===! "C"\n    c');
    expect(out.match(/class="tabbed-set"/g)).toHaveLength(2);
    expect(out).toContain('<button type="button" role="tab" aria-selected="true" data-tab-index="1">B</button>');
    expect(out).toContain('<div class="tabbed-block" data-tab-label="B" role="tabpanel" data-tab-index="1" data-active="">');
  });
});

describe('code blocks', () => {
  it('highlights with light and dark themes and marks the block for a copy button', async () => {
    const out = await html('```ts\nconst port: number = 7007;\n```');
    expect(out).toMatch(/^<pre class="shiki shiki-themes github-light github-dark" style="[^"]*--shiki-dark-bg:#24292e[^"]*" tabindex="0" data-copy="" data-language="ts"><code>/);
    expect(out).toContain('<span style="color:#D73A49;--shiki-dark:#F97583">const</span>');
  });

  it('still escapes and marks code with no language or an unknown one', async () => {
    for (const fence of ['```', '```no-such-language']) {
      const out = await html(`${fence}\n<b>not bold</b>\n\`\`\``);
      expect(out).toContain('data-copy=""');
      expect(out).toContain('&#x3C;b>not bold&#x3C;/b>');
      expect(out).not.toContain('<b>');
    }
  });

  it('leaves very long lines (minified code) uncoloured rather than spending unbounded time on them', async () => {
    const longLine = `const data = [${Array.from({ length: 1500 }, (_, index) => index).join(',')}];`;
    const out = await html(`\`\`\`js\n${longLine}\nconst short = 1;\n\`\`\``);
    expect(out).toContain(`<span class="line"><span>${longLine}</span></span>`);
    expect(out).toContain('<span style="color:#D73A49;--shiki-dark:#F97583">const</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> short</span>');
  });

  it('keeps mermaid diagrams as escaped text for the browser to draw', async () => {
    expect(await html('```mermaid\ngraph TD\n  A["<b>x</b>"] --> B\n```')).toBe('<pre class="mermaid">graph TD\n  A["&#x3C;b>x&#x3C;/b>"] --> B\n</pre>');
  });
});

describe('links and images', () => {
  it('rewrites links between pages to portal URLs, keeping anchors', async () => {
    expect(await html('[api](../reference/api.md#auth) [home](../index.md) [guide](./) [self](#top)')).toBe(
      '<p><a href="/docs/default/component/api/reference/api/#auth">api</a> <a href="/docs/default/component/api/">home</a> ' +
        '<a href="/docs/default/component/api/guide/">guide</a> <a href="#top">self</a></p>',
    );
  });

  it('rewrites images and files relative to the source file, to the asset URL', async () => {
    expect(await html('![arch](../img/arch.png) ![shot](shot.png "Shot") [spec](../files/spec.pdf)')).toBe(
      '<p><img src="/api/techdocs/static/docs/default/component/api/img/arch.png" alt="arch"> ' +
        '<img src="/api/techdocs/static/docs/default/component/api/guide/shot.png" alt="shot" title="Shot"> ' +
        '<a href="/api/techdocs/static/docs/default/component/api/files/spec.pdf">spec</a></p>',
    );
  });

  it('leaves external and absolute links as they are and keeps data: images', async () => {
    expect(await html('[a](https://example.com/x.md) [m](mailto:ops@example.com) [p](/catalog) ![d](data:image/png;base64,iVBORw0KGgo=)')).toBe(
      '<p><a href="https://example.com/x.md">a</a> <a href="mailto:ops@example.com">m</a> <a href="/catalog">p</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="d"></p>',
    );
  });

  it('reports a link that leaves the docs folder as an error on the author\'s line', async () => {
    const page = await render({
      markdown: '---\ntitle: t\n---\n!!! note\n    fine\n\n    [secret](../../../etc/passwd)\n',
      sourcePath: 'guide/install.md',
      file: 'docs/guide/install.md',
    });
    expect(page.errors).toEqual([{ file: 'docs/guide/install.md', line: 7, message: "link '../../../etc/passwd' leaves the docs folder" }]);
    expect(page.html).toContain('<a>secret</a>');
  });

  it('rejects escapes written with backslashes or percent-encoding too', async () => {
    const page = await render({ markdown: '<a href="..\\..\\x.md">a</a> ![b](..%2F..%2Fsecret.png)', sourcePath: 'guide/install.md', file: 'docs/guide/install.md' });
    expect(page.errors.map((problem) => problem.message)).toEqual([
      "link '..\\..\\x.md' leaves the docs folder",
      "image '..%2F..%2Fsecret.png' leaves the docs folder",
    ]);
  });

  it('warns about links to pages that do not exist', async () => {
    const page = await render({ markdown: 'see [x](missing.md)', sourcePath: 'guide/install.md', file: 'docs/guide/install.md' });
    expect(page.warnings).toEqual([
      { file: 'docs/guide/install.md', line: 1, message: "link 'missing.md' points to 'guide/missing.md', which is not a page of this site" },
    ]);
    expect(page.html).toBe('<p>see <a href="/docs/default/component/api/guide/missing/">x</a></p>');
  });
});

describe('pathological nesting', () => {
  const renderOnly = (markdown: string) => render({ markdown, sourcePath: 'a.md', file: 'docs/a.md' });

  it('rejects thousands of nested quotes or lists quickly instead of hanging', async () => {
    const started = Date.now();
    expect((await renderOnly(`intro\n\n${'>'.repeat(10_000)} deep`)).errors).toEqual([
      { file: 'docs/a.md', line: 3, message: 'nests more than 32 block quotes (too deeply to render)' },
    ]);
    const lists = Array.from({ length: 2_000 }, (_, index) => `${' '.repeat(index * 2)}- item`).join('\n');
    expect((await renderOnly(lists)).errors).toEqual([
      { file: 'docs/a.md', line: 82, message: 'is indented more than 160 columns (nested too deeply to render)' },
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports raw HTML nested deeper than the stack allows as a problem of the page', async () => {
    const page = await renderOnly(`${'<div>'.repeat(20_000)}x`);
    expect(page.html).toBe('');
    expect(page.errors).toEqual([{ file: 'docs/a.md', message: expect.stringMatching(/^could not be rendered: it is nested too deeply/) }]);
  });

  it('still renders ordinary nesting', async () => {
    const lists = Array.from({ length: 10 }, (_, index) => `${' '.repeat(index * 2)}- level ${index}`).join('\n');
    const page = await renderOnly(`${lists}\n\n> > > quoted`);
    expect(page.errors).toEqual([]);
    expect(page.html.match(/<ul>/g)).toHaveLength(10);
    expect(page.html.match(/<blockquote>/g)).toHaveLength(3);
  });
});
