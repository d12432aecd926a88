/** A piece of highlighted text: `marked` pieces matched the search. */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/**
 * Splits a highlighted field (`<tag>match</tag>` with the result's own pre and post tags) into
 * pieces, so the match is shown with a `<mark>` and nothing in the text is ever read as HTML.
 */
export function highlightPieces(value: string, preTag: string, postTag: string): TextPiece[] {
  if (preTag === '' || postTag === '') return [{ text: value, marked: false }];
  const pieces: TextPiece[] = [];
  let rest = value;
  while (rest !== '') {
    const start = rest.indexOf(preTag);
    if (start === -1) {
      pieces.push({ text: rest, marked: false });
      break;
    }
    const end = rest.indexOf(postTag, start + preTag.length);
    if (end === -1) {
      pieces.push({ text: rest.replace(preTag, ''), marked: false });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), marked: false });
    pieces.push({ text: rest.slice(start + preTag.length, end), marked: true });
    rest = rest.slice(end + postTag.length);
  }
  return pieces.filter((piece) => piece.text !== '');
}
