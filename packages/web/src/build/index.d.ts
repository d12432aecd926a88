/** A module the app shares with runtime plugins through its import map. */
export interface SharedModule {
  /** The bare specifier plugins import, e.g. `react` or `@mui/material`. */
  readonly specifier: string;
  /**
   * CommonJS packages have no static export list a bundler can preserve, so the app's build
   * re-exports their names one by one (read from the package at build time).
   */
  readonly commonjs: boolean;
  /**
   * Whether the module has a default export, which `export *` does not carry over. For CommonJS
   * it is `module.exports`, as bundlers present it.
   */
  readonly defaultExport: boolean;
}

export declare const SHARED_MODULES: readonly SharedModule[];
export declare const SHARED_MODULE_SPECIFIERS: readonly string[];

/** True for a specifier the app provides through its import map. */
export declare function isSharedModule(specifier: string): boolean;

/**
 * For a deep import of a shared package that the import map does not provide (bundling it into
 * a plugin would load a second copy: a second React, a second theme), the message a plugin build
 * fails with; otherwise undefined.
 */
export declare function unsharedDeepImportProblem(specifier: string): string | undefined;

/** A file-system-safe entry name for a shared specifier, e.g. `shared-mui-material-styles`. */
export declare function sharedEntryName(specifier: string): string;
