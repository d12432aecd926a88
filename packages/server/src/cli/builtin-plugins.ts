/**
 * The feature plugins every Portico runs, loaded by package name like any third-party plugin
 * (so they use exactly the public plugin API). `plugins:` in config adds more.
 */
export const BUILTIN_PLUGINS: readonly string[] = ['@portico/plugin-catalog', '@portico/plugin-scaffolder', '@portico/plugin-search'];
