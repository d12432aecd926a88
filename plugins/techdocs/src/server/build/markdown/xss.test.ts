import { beforeAll, describe, expect, it } from 'vitest';
import { elementsOf, unsafeParts } from '../test-fixtures/inspect-html.js';
import { createPageRenderer, type PageRenderer } from './render-page.js';

/**
 * Payloads from the usual XSS cheat sheets and Backstage's TechDocs advisories (CVE-2021-32661:
 * `<object>` passed the sanitizer). Each must come out inert: no script-capable element, no event
 * handler, no style, no script-capable URL, as a browser would parse the output and again after an
 * innerHTML round trip (mutation XSS).
 */
const payloads: Record<string, string> = {
  'script tag': '<script>alert(1)</script>',
  'script with src, upper case': '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'event handler on a harmless tag': '<details open ontoggle=alert(1)><summary>x</summary></details>',
  'javascript: link in HTML': '<a href="javascript:alert(1)">x</a>',
  'javascript: Markdown link': '[x](javascript:alert(1))',
  'javascript: mixed case': '[x](JaVaScRiPt:alert(1))',
  'javascript: with an entity-encoded tab': '<a href="jav&#x09;ascript:alert(1)">x</a>',
  'javascript: fully entity-encoded': '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  'javascript: with &colon;': '<a href="javascript&colon;alert(1)">x</a>',
  'javascript: behind control characters': '<a href="&#14;&#1; javascript:alert(1)">x</a>',
  'javascript: entity in a Markdown link': '[x](&#x6A;avascript:alert(1))',
  'javascript: autolink': '<javascript:alert(1)>',
  'javascript: reference definition': '[x][evil]\n\n[evil]: javascript:alert(1)',
  'javascript: image': '![x](javascript:alert(1))',
  'vbscript: link': '<a href="vbscript:msgbox(1)">x</a>',
  'data:text/html link': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'data:text/html in HTML link': '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  'data:text/html as an image': '<img src="data:text/html,<script>alert(1)</script>">',
  'svg onload': '<svg onload=alert(1)><circle r="5"/></svg>',
  'script inside svg': '<svg><script>alert(1)</script></svg>',
  'svg link with xlink:href': '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  'svg animate rewriting href': '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
  'svg set and use': '<svg><set attributeName="onmouseover" to="alert(1)"/><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
  'svg foreignObject': '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
  iframe: '<iframe src="https://evil.example"></iframe>',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  object: '<object data="javascript:alert(1)"></object>',
  embed: '<embed src="javascript:alert(1)">',
  'style attribute with url()': '<div style="background:url(javascript:alert(1))">x</div>',
  'style attribute with expression()': '<p style="width: expression(alert(1))">x</p>',
  'style element': '<style>body{background:url("javascript:alert(1)")}</style>',
  'link stylesheet': '<link rel="stylesheet" href="https://evil.example/x.css">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'base href': '<base href="javascript:alert(1)//">',
  'form action': '<form action="javascript:alert(1)"><input type="submit"></form>',
  'button formaction': '<button formaction="javascript:alert(1)">go</button>',
  'input image': '<input type="image" src="x" onerror="alert(1)">',
  'img srcset': '<img srcset="javascript:alert(1) 1x">',
  'picture source srcset': '<picture><source srcset="javascript:alert(1)"><img src="a.png"></picture>',
  'video and audio': '<video src=x onerror=alert(1)></video><audio src=x onerror=alert(1)></audio>',
  'comment breaking out': '<!-- --><script>alert(1)</script> -->',
  'comment inside an attribute': '<!--<img src="--><img src=x onerror=alert(1)//">',
  'conditional comment': '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  'noscript mutation': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  'math/mglyph/style mutation': '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  'svg/style mutation': '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  'template content': '<template><img src=x onerror=alert(1)></template>',
  'xmp raw text': '<xmp><img src=x onerror=alert(1)></xmp>',
  'textarea raw text': '<textarea><img src=x onerror=alert(1)></textarea>',
  'title raw text': '<title><img src=x onerror=alert(1)></title>',
  'nested quotes in attributes': '<img src="x` `<script>alert(1)</script>"` `>',
  'unclosed tag': '<img src=x onerror=alert(1) x="',
  'admonition title with HTML': '!!! note "<img src=x onerror=alert(1)>"\n    body',
  'tab label with HTML': '=== "<script>alert(1)</script>"\n    body',
  'code fence closing early': '```html\n</code></pre><script>alert(1)</script>\n```',
  'mermaid with HTML': '```mermaid\ngraph TD\n  A["<img src=x onerror=alert(1)>"]\n```',
  'heading with a handler': '## <span onclick="alert(1)">Title</span>',
};

/** An unclosed raw-text element swallows the rest of the page; inert, but "After." is gone too. */
const swallowsTheRest = new Set(['math/mglyph/style mutation']);

let render: PageRenderer;
beforeAll(async () => {
  render = await createPageRenderer({
    site: { pagePathBySource: new Map([['index.md', '']]), pagePaths: new Set(['']), assets: new Set() },
    baseUrl: '/docs/default/component/x/',
  });
});

describe('XSS payloads come out inert', () => {
  it('has at least 20 payloads', () => {
    expect(Object.keys(payloads).length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(payloads))('%s', async (name, markdown) => {
    const page = await render({ markdown: `Before.\n\n${markdown}\n\nAfter.`, sourcePath: 'index.md', file: 'docs/index.md' });
    expect(unsafeParts(page.html)).toEqual([]);
    if (!swallowsTheRest.has(name)) expect(page.html).toContain('After.');
  });
});

describe('what survives sanitizing', () => {
  it('keeps the text of a dropped link and the body of an unwrapped element', async () => {
    const page = await render({ markdown: '<a href="javascript:alert(1)">click</a> <font color=red>kept</font>', sourcePath: 'index.md', file: 'docs/index.md' });
    expect(page.html).toBe('<p><a>click</a> kept</p>');
  });

  it('keeps a safe SVG drawing without its handlers', async () => {
    const page = await render({
      markdown: '<svg viewBox="0 0 10 10" onload="alert(1)" style="x"><circle cx="5" cy="5" r="4" fill="red" onclick="alert(1)"/></svg>',
      sourcePath: 'index.md',
      file: 'docs/index.md',
    });
    expect(page.html).toBe('<p><svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="red"></circle></svg></p>');
    expect(elementsOf(page.html).map((element) => `${element.namespace.split('/').pop()}:${element.tag}`)).toEqual(['xhtml:p', 'svg:svg', 'svg:circle']);
  });

  it('shows HTML written in admonition titles and tab labels as text', async () => {
    const page = await render({ markdown: '!!! note "<b>bold?</b>"\n    x\n\n=== "<i>tab</i>"\n    y', sourcePath: 'index.md', file: 'docs/index.md' });
    expect(page.html).toContain('<p class="admonition-title">&#x3C;b>bold?&#x3C;/b></p>');
    expect(page.html).toContain('data-tab-index="0">&#x3C;i>tab&#x3C;/i></button>');
  });

  it('drops ids-only clobbering tricks into plain ids (no user-content- prefix, so anchors work)', async () => {
    const page = await render({ markdown: '<a id="top"></a>\n\n[up](#top)', sourcePath: 'index.md', file: 'docs/index.md' });
    expect(page.html).toContain('<a id="top"></a>');
    expect(page.html).toContain('<a href="#top">up</a>');
  });
});
