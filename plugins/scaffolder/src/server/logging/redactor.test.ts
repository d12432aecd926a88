import { describe, expect, it } from 'vitest';
import { SecretRedactor } from './redactor.js';
import { createMemoryLogSink, createTaskLogger } from './task-logger.js';

describe('SecretRedactor', () => {
  const secret = 'p@ss/word+42';
  const redactor = new SecretRedactor([secret, 'ab']);

  it('masks a secret as is, base64, URL-encoded and JSON-escaped', () => {
    const text = [
      `token ${secret}`,
      `Authorization: Basic ${Buffer.from(secret).toString('base64')}`,
      `url https://x/?t=${encodeURIComponent(secret)}`,
      `json ${JSON.stringify({ secret })}`,
    ].join('\n');
    const out = redactor.redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).toBe('token ***\nAuthorization: Basic ***\nurl https://x/?t=***\njson {"secret":"***"}');
  });

  it('masks each line of a multi-line secret', () => {
    const key = '-----BEGIN KEY-----\nAAAABBBBCCCCDDDD\n-----END KEY-----';
    const r = new SecretRedactor([key]);
    expect(r.redact('second line alone: AAAABBBBCCCCDDDD')).toBe('second line alone: ***');
  });

  it('leaves very short secrets alone so logs stay readable', () => {
    expect(redactor.redact('abc tab')).toBe('abc tab');
  });

  it('redacts strings deep inside values, keys included', () => {
    expect(redactor.redactValue({ [secret]: [secret, 1, { x: `a ${secret}` }] })).toEqual({ '***': ['***', 1, { x: 'a ***' }] });
  });

  it('treats regex characters in secrets literally', () => {
    const r = new SecretRedactor(['a.c']);
    expect(r.redact('abc a.c')).toBe('abc ***');
  });
});

describe('createTaskLogger', () => {
  it('writes redacted messages and meta with the step id', () => {
    const sink = createMemoryLogSink();
    const logger = createTaskLogger(sink, new SecretRedactor(['hunter2hunter2']), 'publish');
    logger.info('pushing with hunter2hunter2', { header: 'Bearer hunter2hunter2' });
    logger.error('failed');
    expect(sink.entries).toMatchObject([
      { level: 'info', message: 'pushing with ***', stepId: 'publish', meta: { header: 'Bearer ***' } },
      { level: 'error', message: 'failed', stepId: 'publish' },
    ]);
    expect(JSON.stringify(sink.entries)).not.toContain('hunter2');
  });
});
