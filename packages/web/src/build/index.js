// Plain JavaScript on purpose: vite.config.ts files import this, and Vite loads a config's bare
// imports with Node as they are, without compiling workspace TypeScript. Types: index.d.ts.

/**
 * The modules the app shares with web plugins loaded at run time. The app build emits one entry
 * file per specifier and maps it in index.html's import map; a plugin build marks every one of
 * them external. Both sides read this list, so they cannot drift apart.
 */
export const SHARED_MODULES = Object.freeze([
  { specifier: 'react', commonjs: true, defaultExport: true },
  { specifier: 'react/jsx-runtime', commonjs: true, defaultExport: true },
  { specifier: 'react-dom', commonjs: true, defaultExport: true },
  { specifier: 'react-dom/client', commonjs: true, defaultExport: true },
  { specifier: '@tanstack/react-router', commonjs: false, defaultExport: false },
  { specifier: '@tanstack/react-query', commonjs: false, defaultExport: false },
  { specifier: '@mui/material', commonjs: false, defaultExport: false },
  // Deep MUI paths that plugins reach without meaning to: theming helpers, and the icon factory
  // every @mui/icons-material icon imports. Sharing them keeps one theme and one style cache.
  { specifier: '@mui/material/styles', commonjs: false, defaultExport: false },
  { specifier: '@mui/material/utils', commonjs: false, defaultExport: false },
  { specifier: '@mui/material/SvgIcon', commonjs: false, defaultExport: true },
  { specifier: '@portico/web', commonjs: false, defaultExport: false },
]);

export const SHARED_MODULE_SPECIFIERS = Object.freeze(SHARED_MODULES.map((module) => module.specifier));

const shared = new Set(SHARED_MODULE_SPECIFIERS);

export function isSharedModule(specifier) {
  return shared.has(specifier);
}

export function unsharedDeepImportProblem(specifier) {
  if (isSharedModule(specifier)) return undefined;
  const packageName = packageNameOf(specifier);
  if (packageName === specifier || !isSharedModule(packageName)) return undefined;
  return `'${specifier}' is not shared with runtime plugins; import from '${packageName}' instead`;
}

/** `@scope/name/deep/path` -> `@scope/name`; `name/deep` -> `name`. */
function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function sharedEntryName(specifier) {
  return `shared-${specifier.replace(/^@/, '').replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
