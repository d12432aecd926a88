import crypto from 'node:crypto';
import type { JsonObject } from '@portico/model';

/** What a task keeps between the request and the worker, and for a retry. */
export interface SealedTaskData {
  secrets: Record<string, string>;
  /** Unredacted outputs of the steps that completed before a failure (a retry resumes after them). */
  completedSteps?: Record<string, { output: JsonObject }>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts task secrets (AES-256-GCM) before they touch the database. With `scaffolder.secretsKey`
 * every replica derives the same key, so any replica can run any task; without it the key is
 * random and lives only in this process, so only this process can read what it sealed.
 */
export class SecretsVault {
  readonly #key: Buffer;
  /** Identifies the key (not derived from anything secret an attacker could test offline cheaply). */
  readonly keyId: string;
  /** True when the key comes from config, i.e. other replicas share it. */
  readonly shared: boolean;

  constructor(secretsKey?: string) {
    this.shared = secretsKey !== undefined;
    this.#key = secretsKey
      ? Buffer.from(crypto.hkdfSync('sha256', secretsKey, 'portico-scaffolder', 'task-secrets-v1', 32))
      : crypto.randomBytes(32);
    const fingerprint = crypto.createHmac('sha256', this.#key).update('portico-scaffolder key id').digest('hex').slice(0, 32);
    this.keyId = `${this.shared ? 'shared' : 'local'}:${fingerprint}`;
  }

  seal(data: SealedTaskData): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): SealedTaskData {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as SealedTaskData;
  }
}
