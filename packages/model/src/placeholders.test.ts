import { describe, expect, it } from 'vitest';
import { findPlaceholders, placeholderOf } from './placeholders.js';

describe('placeholders', () => {
  it('recognises a single-key mapping whose key starts with $', () => {
    expect(placeholderOf({ $text: './openapi.yaml' })).toEqual({ kind: '$text', target: './openapi.yaml' });
    expect(placeholderOf({ $text: 'a', other: 'b' })).toBeUndefined();
    expect(placeholderOf({ text: 'a' })).toBeUndefined();
    expect(placeholderOf('$text')).toBeUndefined();
  });

  it('finds every placeholder with its path', () => {
    const document = {
      metadata: { name: 'x', links: { $yaml: './links.yaml' } },
      spec: { definition: { $openapi: 'https://example.com/api.yaml' }, steps: [{ $yaml: './a.yaml' }, { action: 'x' }] },
    };
    expect(findPlaceholders(document)).toEqual([
      { path: ['metadata', 'links'], kind: '$yaml', target: './links.yaml' },
      { path: ['spec', 'definition'], kind: '$openapi', target: 'https://example.com/api.yaml' },
      { path: ['spec', 'steps', 0], kind: '$yaml', target: './a.yaml' },
    ]);
  });
});
