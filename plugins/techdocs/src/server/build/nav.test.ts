import { describe, expect, it } from 'vitest';
import { defaultNav, resolveNav, type NavPage } from './nav.js';
import { ProblemList } from './problems.js';

const pages: NavPage[] = [
  { sourcePath: 'index.md', pagePath: '', title: 'Welcome' },
  { sourcePath: 'zeta.md', pagePath: 'zeta/', title: 'Zeta page' },
  { sourcePath: 'alpha.md', pagePath: 'alpha/', title: 'Alpha page' },
  { sourcePath: 'guide/index.md', pagePath: 'guide/', title: 'Guide home' },
  { sourcePath: 'guide/b.md', pagePath: 'guide/b/', title: 'B' },
  { sourcePath: 'guide/a.md', pagePath: 'guide/a/', title: 'A' },
  { sourcePath: 'api-reference/README.md', pagePath: 'api-reference/', title: 'API' },
  { sourcePath: 'api-reference/v1/x.md', pagePath: 'api-reference/v1/x/', title: 'X' },
];

describe('resolveNav', () => {
  it('keeps the order written in mkdocs.yml, titles from nav or from the page', () => {
    const problems = new ProblemList();
    const nav = resolveNav(
      [
        { kind: 'page', target: 'zeta.md' },
        { kind: 'page', title: 'Start', target: 'index.md' },
        {
          kind: 'section', title: 'Guide',
          children: [
            { kind: 'page', target: 'guide/b.md' },
            { kind: 'page', title: 'First steps', target: './guide/a.md' },
            { kind: 'page', title: 'Chat', target: 'https://chat.example.com' },
          ],
        },
      ],
      pages, 'mkdocs.yml', problems,
    );
    expect(problems.errors).toEqual([]);
    expect(nav).toEqual([
      { type: 'page', title: 'Zeta page', path: 'zeta/' },
      { type: 'page', title: 'Start', path: '' },
      {
        type: 'section', title: 'Guide',
        children: [
          { type: 'page', title: 'B', path: 'guide/b/' },
          { type: 'page', title: 'First steps', path: 'guide/a/' },
          { type: 'link', title: 'Chat', url: 'https://chat.example.com' },
        ],
      },
    ]);
  });

  it('rejects paths that leave the docs folder and script URLs, naming the line', () => {
    const problems = new ProblemList();
    resolveNav(
      [
        { kind: 'page', title: 'Up', target: '../secrets.md', line: 3 },
        { kind: 'page', title: 'Abs', target: '/etc/passwd', line: 4 },
        { kind: 'section', title: 'S', line: 5, children: [{ kind: 'page', title: 'Deep', target: 'guide/../../x.md', line: 6 }] },
        { kind: 'page', title: 'JS', target: 'javascript:alert(1)', line: 7 },
      ],
      pages, 'mkdocs.yml', problems,
    );
    expect(problems.errors).toEqual([
      { file: 'mkdocs.yml', line: 3, message: "nav entry '../secrets.md' leaves the docs folder" },
      { file: 'mkdocs.yml', line: 4, message: "nav entry '/etc/passwd' leaves the docs folder" },
      { file: 'mkdocs.yml', line: 6, message: "nav entry 'guide/../../x.md' leaves the docs folder" },
      { file: 'mkdocs.yml', line: 7, message: "nav entry 'javascript:alert(1)' has a URL scheme that is not allowed (only http, https and mailto)" },
    ]);
  });

  it('warns about and leaves out entries for missing pages', () => {
    const problems = new ProblemList();
    const nav = resolveNav([{ kind: 'page', target: 'gone.md', line: 2 }, { kind: 'page', target: 'alpha.md' }], pages, 'mkdocs.yml', problems);
    expect(nav).toEqual([{ type: 'page', title: 'Alpha page', path: 'alpha/' }]);
    expect(problems.warnings).toEqual([{ file: 'mkdocs.yml', line: 2, message: "nav entry 'gone.md' is not a page of the docs folder; left out" }]);
  });
});

describe('defaultNav', () => {
  it('lists each folder index first, then pages by name, then sub-folders as sections', () => {
    expect(defaultNav(pages)).toEqual([
      { type: 'page', title: 'Welcome', path: '' },
      { type: 'page', title: 'Alpha page', path: 'alpha/' },
      { type: 'page', title: 'Zeta page', path: 'zeta/' },
      {
        type: 'section', title: 'Api reference',
        children: [
          { type: 'page', title: 'API', path: 'api-reference/' },
          { type: 'section', title: 'V1', children: [{ type: 'page', title: 'X', path: 'api-reference/v1/x/' }] },
        ],
      },
      {
        type: 'section', title: 'Guide',
        children: [
          { type: 'page', title: 'Guide home', path: 'guide/' },
          { type: 'page', title: 'A', path: 'guide/a/' },
          { type: 'page', title: 'B', path: 'guide/b/' },
        ],
      },
    ]);
  });
});
