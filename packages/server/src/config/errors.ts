/** A configuration problem that stops the start: names the key, what was expected and where. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
