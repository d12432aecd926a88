import { Box, CircularProgress } from '@mui/material';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { LazyComponent } from '../plugin/extensions.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ErrorPanel } from './ErrorPanel.js';

/**
 * One React.lazy per loader function: a fresh lazy component on every render would remount the
 * extension and drop its state. Keyed by the loader, so the stored component has its props type.
 */
const lazyByLoader = new WeakMap<object, unknown>();

export function lazyExtension<TProps extends object>(
  load: LazyComponent<TProps>,
): LazyExoticComponent<ComponentType<TProps>> {
  const cached = lazyByLoader.get(load) as LazyExoticComponent<ComponentType<TProps>> | undefined;
  if (cached !== undefined) return cached;
  const component = lazy(load);
  lazyByLoader.set(load, component);
  return component;
}

export interface LazyExtensionProps<TProps extends object> {
  /** Names the extension in error messages, e.g. "home widget 'recent'". */
  name: string;
  load: LazyComponent<TProps>;
  props: TProps;
}

/** Loads and renders a plugin's extension, with its own spinner and error boundary. */
export function LazyExtension<TProps extends object>({ name, load, props }: LazyExtensionProps<TProps>) {
  const Extension = lazyExtension(load);
  return (
    <ErrorBoundary name={name} fallback={(error) => <ErrorPanel error={error} title={`The ${name} failed`} />}>
      <Suspense
        fallback={
          <Box sx={{ display: 'flex', justifyContent: 'center', py: 3 }}>
            <CircularProgress size={24} aria-label={`Loading ${name}`} />
          </Box>
        }
      >
        <Extension {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
