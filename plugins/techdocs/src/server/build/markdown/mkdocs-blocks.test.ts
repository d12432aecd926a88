import { describe, expect, it } from 'vitest';
import { rewriteMkdocsBlocks } from './mkdocs-blocks.js';

describe('rewriteMkdocsBlocks', () => {
  it('turns an admonition into a container directive and dedents its body', () => {
    expect(rewriteMkdocsBlocks('!!! note "A \\"quoted\\" & title"\n    one\n\n    two\n\nafter')).toEqual({
      text: ':::admonition{kind="note" title="A \\&quot;quoted\\&quot; &amp; title"}\none\n\ntwo\n:::\n\nafter',
      lineOrigins: [1, 2, 3, 4, 4, 5, 6],
    });
  });

  it('gives an enclosing block a longer fence than the blocks inside it', () => {
    const { text } = rewriteMkdocsBlocks('??? tip\n    ???+ danger "In"\n        deep');
    expect(text).toBe('::::admonition{kind="tip" collapse="closed"}\n:::admonition{kind="danger" title="In" collapse="open"}\ndeep\n:::\n::::');
  });

  it('keeps tabs-as-indentation working and stops the body at the first outdented line', () => {
    expect(rewriteMkdocsBlocks('!!! note\n\tbody\nnot body').text).toBe(':::admonition{kind="note"}\nbody\n:::\nnot body');
  });

  it('groups tabs separated by blank lines into one set', () => {
    const { text, lineOrigins } = rewriteMkdocsBlocks('=== "A"\n    a\n\n=== "B"\n    b');
    expect(text).toBe('::::tabs\n:::tab{label="A"}\na\n:::\n:::tab{label="B"}\nb\n:::\n::::');
    expect(lineOrigins).toEqual([1, 1, 2, 2, 4, 5, 5, 5]);
  });

  it('passes fenced code through, whatever it contains', () => {
    const source = '~~~~md\n!!! note\n    x\n=== "t"\n~~~~\n```\n!!! note\n```';
    expect(rewriteMkdocsBlocks(source).text).toBe(source);
  });

  it('accepts a marker without the space, as Python-Markdown does', () => {
    expect(rewriteMkdocsBlocks('!!!warning\n    x').text).toBe(':::admonition{kind="warning"}\nx\n:::');
  });

  it('does not touch look-alikes', () => {
    const source = '!!! "no type"\n=== no quotes\nwhat!!! note\n!!! note: colon';
    expect(rewriteMkdocsBlocks(source).text).toBe(source);
  });
});
