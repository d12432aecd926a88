/** A page of a generated docs site: a code block, an admonition, a table and a link to the next page. */
export function generatedPage(index: number, total: number): string {
  const next = (index + 1) % total;
  return [
    `# Page ${index}`,
    '',
    `Intro for page ${index}, see [next](../section-${next % 4}/page-${next}.md#usage).`,
    '',
    '## Usage',
    '',
    '```ts',
    `export function handler${index}(input: string): number {`,
    '  return input.length;',
    '}',
    '```',
    '',
    '!!! tip "Remember"',
    '    Tips are **useful**.',
    '',
    '## Details',
    '',
    '| key | value |',
    '| --- | --- |',
    `| id | ${index} |`,
    '',
  ].join('\n');
}
