import { describe, expect, it } from 'vitest';
import { ownershipCounts, ownershipSentence, pluralize } from './ownership.js';

describe('ownershipCounts', () => {
  it('splits each kind by type, with the untyped rest so each kind adds up', () => {
    const counts = ownershipCounts(
      [
        { value: 'Component', count: 5 },
        { value: 'Domain', count: 1 },
      ],
      new Map([
        [
          'Component',
          [
            { value: 'service', count: 3 },
            { value: 'website', count: 1 },
          ],
        ],
      ]),
    );
    expect(counts).toEqual([
      { kind: 'Component', type: 'service', count: 3 },
      { kind: 'Component', type: 'website', count: 1 },
      { kind: 'Component', type: undefined, count: 1 },
      { kind: 'Domain', type: undefined, count: 1 },
    ]);
  });
});

describe('ownershipSentence', () => {
  it('reads like a person would say it', () => {
    expect(
      ownershipSentence([
        { kind: 'Component', type: 'service', count: 24 },
        { kind: 'Component', type: 'website', count: 3 },
        { kind: 'API', type: undefined, count: 1 },
      ]),
    ).toBe('24 services, 3 websites and 1 api');
    expect(ownershipSentence([])).toBe('Nothing');
    expect(pluralize('library', 2)).toBe('libraries');
    expect(pluralize('database', 2)).toBe('databases');
    expect(pluralize('message-broker', 1)).toBe('message-broker');
  });
});
