import { describe, expect, it } from 'vitest';
import { unsafeParts } from './inspect-html.js';

// The XSS tests are only as good as this checker, so it must catch what it claims to.
describe('unsafeParts', () => {
  it('flags script-capable elements, handlers, styles and URLs', () => {
    expect(unsafeParts('<script>x</script>')).toContain('<script> element');
    expect(unsafeParts('<img src=x onerror=alert(1)>')).toContain('onerror handler on <img>');
    expect(unsafeParts('<a href="java&#x09;script:alert(1)">x</a>')).toContain('javascript: URL in href of <a>');
    expect(unsafeParts('<a href=" &#1;JAVASCRIPT:alert(1)">x</a>')).toContain('javascript: URL in href of <a>');
    expect(unsafeParts('<a href="data:text/html,x">x</a>')).toContain('data: URL in href of <a>');
    expect(unsafeParts('<div style="color:red">x</div>')).toContain('style attribute on <div>');
    expect(unsafeParts('<svg><use href="#x"></use></svg>')).toContain('<use> element');
    expect(unsafeParts('<img srcset="a.png 1x">')).toContain('srcset attribute');
  });

  it('sees what a browser builds, including after an innerHTML round trip', () => {
    expect(unsafeParts('<noscript><p title="</noscript><img src=x onerror=alert(1)>">')).not.toEqual([]);
  });

  it('accepts inert markup, task checkboxes, image data URLs and highlighter colours', () => {
    expect(unsafeParts('<p><a href="https://x.example/">x</a> <a href="/docs/a/">a</a> <img src="data:image/png;base64,AA=="></p>')).toEqual([]);
    expect(unsafeParts('<input type="checkbox" disabled>')).toEqual([]);
    expect(unsafeParts('<pre style="background-color:#fff;--shiki-dark-bg:#24292e"><span style="color:#D73A49;--shiki-dark:#F97583">x</span></pre>')).toEqual([]);
  });
});
