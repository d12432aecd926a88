import type { JsonValue } from '@portico/model';

/** Secrets shorter than this are not redacted: masking every "ab" would make logs unreadable. */
export const MIN_REDACTED_LENGTH = 3;
export const REDACTED = '***';

/**
 * Replaces every known secret in text with `***`, in the forms a secret usually leaks in: as is,
 * base64 (e.g. inside a Basic auth header), URL-encoded, JSON-escaped, and line by line for
 * multi-line secrets such as private keys.
 */
export class SecretRedactor {
  readonly #variants = new Set<string>();
  #pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret learnt later, e.g. a token an action fetched. */
  add(secret: string | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_REDACTED_LENGTH) return;
    const forms = [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
    ];
    if (secret.includes('\n')) {
      forms.push(...secret.split(/\r?\n/).filter((line) => line.trim().length >= 8));
    }
    for (const form of forms) if (form.length >= MIN_REDACTED_LENGTH) this.#variants.add(form);
    this.#pattern = undefined;
  }

  get size(): number {
    return this.#variants.size;
  }

  redact(text: string): string {
    if (this.#variants.size === 0) return text;
    this.#pattern ??= new RegExp(
      [...this.#variants]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.#pattern, REDACTED);
  }

  /** Redacts every string in a JSON value (keys included). */
  redactValue<T extends JsonValue | undefined>(value: T): T {
    if (this.#variants.size === 0 || value === undefined || value === null) return value;
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item)) as T;
    if (typeof value === 'object') {
      const out: Record<string, JsonValue | undefined> = {};
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(out, this.redact(key), { value: this.redactValue(item), enumerable: true, writable: true, configurable: true });
      }
      return out as T;
    }
    return value;
  }
}
