import { describe, expect, it } from 'vitest';
import { highlightPieces } from './highlight.js';

describe('highlightPieces', () => {
  it('splits on the result tags', () => {
    expect(highlightPieces('the <em>booking</em> service, <em>book</em> now', '<em>', '</em>')).toEqual([
      { text: 'the ', marked: false },
      { text: 'booking', marked: true },
      { text: ' service, ', marked: false },
      { text: 'book', marked: true },
      { text: ' now', marked: false },
    ]);
  });

  it('keeps markup in the text as text, and copes with a missing closing tag', () => {
    expect(highlightPieces('<script>x</script> [[a', '[[', ']]')).toEqual([{ text: '<script>x</script> a', marked: false }]);
    expect(highlightPieces('plain', '', '')).toEqual([{ text: 'plain', marked: false }]);
  });
});
