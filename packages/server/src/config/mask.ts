import type { ConfigObject, ConfigValue } from './read-files.js';

const secretKey = /(password|passwd|secret|token|apikey|api_key|privatekey|private_key|credentials?|clientsecret|^key$)/i;

/** A copy of the config safe to print: secret-looking keys and URL passwords are masked. */
export function maskSecrets(value: ConfigValue, key = ''): ConfigValue {
  if (typeof value === 'string') {
    if (secretKey.test(key)) return '***';
    return maskUrlPassword(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, key));
  if (value !== null && typeof value === 'object') {
    const masked: ConfigObject = {};
    for (const [childKey, item] of Object.entries(value)) {
      masked[childKey] = secretKey.test(childKey) && item !== null && typeof item !== 'object' ? '***' : maskSecrets(item, childKey);
    }
    return masked;
  }
  return value;
}

function maskUrlPassword(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*:[^@/\s]*@/i.test(value)) return value;
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/\s]*:)[^@/\s]*@/i, '$1***@');
}
