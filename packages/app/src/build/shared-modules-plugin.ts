import { createRequire } from 'node:module';
import path from 'node:path';
import { SHARED_MODULES, sharedEntryName, type SharedModule } from '@portico/web/build';
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin, ResolvedConfig } from 'vite';

/**
 * Shares the app's own instances of React, the router, the query client, MUI and @portico/web
 * with web plugins that the server installs at run time.
 *
 * Build: each shared specifier becomes an extra entry (a small facade module re-exporting it),
 * whose export list rolldown preserves; index.html gets an import map from the specifier to that
 * entry's hashed file. A plugin's `import { Card } from '@mui/material'` then lands in the very
 * modules the shell runs. Facade entries share chunks with the app, and a chunk only the facade
 * needs (the parts of MUI the shell does not use) loads only when a plugin imports it.
 *
 * Dev: the import map points at the same facades served by Vite, which rewrites their imports to
 * the pre-bundled dependencies the app itself uses.
 *
 * This file runs in Node (from vite.config.ts), never in the browser.
 */
export function sharedModulesPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'portico:shared-modules',

    config(userConfig, env) {
      const root = path.resolve(userConfig.root ?? process.cwd());
      if (env.command === 'serve') {
        // Discovered only when a runtime plugin asks for them; list them so the dev server does
        // not re-optimise (and reload) in the middle of a session.
        const include = SHARED_MODULES.map((module) => module.specifier).filter((specifier) => specifier !== '@portico/web');
        return { optimizeDeps: { include } };
      }
      const entries = Object.fromEntries(
        SHARED_MODULES.map((module) => [sharedEntryName(module.specifier), facadeId(module.specifier)]),
      );
      return {
        build: {
          rolldownOptions: {
            input: { index: path.join(root, 'index.html'), ...entries },
            // Vite's app default (false) lets entries lose their exports; the facades need theirs.
            preserveEntrySignatures: 'exports-only',
          },
        },
      };
    },

    configResolved(resolved) {
      config = resolved;
    },

    resolveId(id) {
      if (id.startsWith(FACADE_PREFIX)) return RESOLVED_PREFIX + id.slice(FACADE_PREFIX.length);
      if (id.startsWith(RESOLVED_PREFIX)) return id;
      return undefined;
    },

    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return undefined;
      const specifier = id.slice(RESOLVED_PREFIX.length);
      const module = SHARED_MODULES.find((candidate) => candidate.specifier === specifier);
      if (module === undefined) throw new Error(`Unknown shared module '${specifier}'`);
      return facadeSource(module, config.root);
    },

    transformIndexHtml: {
      order: 'post',
      handler(_html, context): HtmlTagDescriptor[] {
        const imports: Record<string, string> = {};
        for (const module of SHARED_MODULES) {
          imports[module.specifier] = context.bundle
            ? builtFacadeUrl(context.bundle, module.specifier, config.base)
            : `${config.base}@id/__x00__${RESOLVED_PREFIX.slice(1)}${module.specifier}`;
        }
        return [
          {
            tag: 'script',
            attrs: { type: 'importmap' },
            children: JSON.stringify({ imports }, null, 2),
            // Must precede every module script and modulepreload link.
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

/** Imported by the entries; `\0` marks the resolved id as virtual, as Rollup's convention asks. */
const FACADE_PREFIX = 'portico-shared:';
const RESOLVED_PREFIX = `\0${FACADE_PREFIX}`;

function facadeId(specifier: string): string {
  return `${FACADE_PREFIX}${specifier}`;
}

type Bundle = NonNullable<IndexHtmlTransformContext['bundle']>;

function builtFacadeUrl(bundle: Bundle, specifier: string, base: string): string {
  for (const output of Object.values(bundle)) {
    if (output.type === 'chunk' && output.isEntry && output.facadeModuleId === RESOLVED_PREFIX + specifier) {
      return `${base}${output.fileName}`;
    }
  }
  throw new Error(`The build emitted no entry for the shared module '${specifier}'`);
}

/**
 * A facade re-exports the module. ES modules re-export with `export *`; CommonJS modules (React)
 * expose no static names, so their names are read from the package itself, the way Node sees it.
 */
function facadeSource(module: SharedModule, root: string): string {
  const from = JSON.stringify(module.specifier);
  if (!module.commonjs) {
    return [`export * from ${from};`, ...(module.defaultExport ? [`export { default } from ${from};`] : [])].join('\n');
  }
  const required: unknown = createRequire(path.join(root, 'package.json'))(module.specifier);
  const names = Object.keys(required as object).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return [
    `import shared from ${from};`,
    'export default shared;',
    `export const { ${names.join(', ')} } = shared;`,
  ].join('\n');
}
