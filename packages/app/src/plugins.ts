import catalogPlugin from '@portico/plugin-catalog/web';
import type { WebPlugin } from '@portico/web';

/**
 * The web plugins bundled into the app, in sidebar order. Add a built-in feature here:
 *
 *   import catalogPlugin from '@portico/plugin-catalog/web';
 *   export const builtInPlugins = [catalogPlugin, ...];
 *
 * Third-party plugins are not listed here: the server names them in the runtime, and the shell
 * imports their prebuilt modules at start.
 */
export const builtInPlugins: readonly WebPlugin[] = [catalogPlugin];
