import { describe, expect, it } from 'vitest';
import { SecretsVault } from './secrets-vault.js';

describe('SecretsVault', () => {
  const data = { secrets: { token: 'ghp_abc123' }, completedSteps: { fetch: { output: { path: 'x' } } } };

  it('seals so that the text holds nothing readable, and opens what it sealed', () => {
    const vault = new SecretsVault('a configured key of enough length');
    const sealed = vault.seal(data);
    expect(sealed).not.toContain('ghp_abc123');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('ghp_abc123');
    expect(vault.open(sealed)).toEqual(data);
    // A fresh IV each time: the same data never seals to the same text.
    expect(vault.seal(data)).not.toBe(sealed);
  });

  it('shares a key between replicas configured alike, and no other', () => {
    const one = new SecretsVault('the same configured key 123');
    const two = new SecretsVault('the same configured key 123');
    const other = new SecretsVault('another configured key 456');
    expect(one.keyId).toBe(two.keyId);
    expect(one.keyId).toMatch(/^shared:[0-9a-f]{32}$/);
    expect(two.open(one.seal(data))).toEqual(data);
    expect(other.keyId).not.toBe(one.keyId);
    expect(() => other.open(one.seal(data))).toThrow();
  });

  it('makes a random, process-local key without configuration', () => {
    const local = new SecretsVault();
    expect(local.shared).toBe(false);
    expect(local.keyId).toMatch(/^local:/);
    expect(new SecretsVault().keyId).not.toBe(local.keyId);
    expect(local.open(local.seal(data))).toEqual(data);
  });

  it('refuses a sealed text that was changed', () => {
    const vault = new SecretsVault('tamper test key 0123456789');
    const bytes = Buffer.from(vault.seal(data), 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(() => vault.open(bytes.toString('base64'))).toThrow(/authenticate/);
  });
});
