/**
 * A small YAML writer for the catalog-info.yaml the import page suggests: plain objects, arrays,
 * strings, numbers, booleans and null, block style, two spaces. Strings that YAML would read as
 * something else (numbers, booleans, `null`, text with `: ` or a leading special character) are
 * double-quoted.
 */
export function toYaml(value: unknown): string {
  return `${write(value, 0).replace(/^\n/, '')}\n`;
}

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBER_LIKE = /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^0x[0-9a-f]+$|^0o[0-7]+$|^[-+]?\.(inf|nan)$/i;

export function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const needsQuotes =
    text === '' ||
    RESERVED.test(text) ||
    NUMBER_LIKE.test(text) ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) ||
    /\s$/.test(text) ||
    /: |\s#|[\n\r\t]/.test(text) ||
    text.endsWith(':');
  return needsQuotes ? JSON.stringify(text) : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function write(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value
      .map((item) => {
        if (isPlainObject(item) && Object.keys(item).length > 0) {
          const body = write(item, indent + 2).replace(/^\n\s*/, '');
          return `\n${pad}- ${body}`;
        }
        return `\n${pad}-${write(item, indent + 2)}`;
      })
      .join('');
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return ' {}';
    return entries.map(([key, item]) => `\n${pad}${scalar(key)}:${write(item, indent + 2)}`).join('');
  }
  return ` ${scalar(value)}`;
}
