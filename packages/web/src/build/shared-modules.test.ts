import { describe, expect, it } from 'vitest';
import { isSharedModule, SHARED_MODULE_SPECIFIERS, sharedEntryName, unsharedDeepImportProblem } from './index.js';

describe('shared modules', () => {
  it('shares the modules a plugin needs to run on the app instances', () => {
    for (const specifier of ['react', 'react/jsx-runtime', 'react-dom/client', '@tanstack/react-router', '@mui/material', '@portico/web']) {
      expect(isSharedModule(specifier)).toBe(true);
    }
    expect(isSharedModule('@mui/icons-material/Home')).toBe(false);
  });

  it('rejects deep imports of a shared package that the import map does not provide', () => {
    expect(unsharedDeepImportProblem('@mui/material/Button')).toBe(
      "'@mui/material/Button' is not shared with runtime plugins; import from '@mui/material' instead",
    );
    expect(unsharedDeepImportProblem('react-dom/server')).toBe(
      "'react-dom/server' is not shared with runtime plugins; import from 'react-dom' instead",
    );
    expect(unsharedDeepImportProblem('@mui/material/SvgIcon')).toBeUndefined();
    expect(unsharedDeepImportProblem('@mui/icons-material/Home')).toBeUndefined();
    expect(unsharedDeepImportProblem('./HelloPage.js')).toBeUndefined();
  });

  it('gives every shared module a distinct entry name', () => {
    const names = SHARED_MODULE_SPECIFIERS.map(sharedEntryName);
    expect(new Set(names).size).toBe(names.length);
    expect(sharedEntryName('@mui/material/styles')).toBe('shared-mui-material-styles');
  });
});
