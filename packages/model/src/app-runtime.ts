/**
 * What the server tells the web app at load time: branding and the third-party web plugins to
 * import. The server inlines it into index.html as `window.__PORTICO_RUNTIME__` and also serves it
 * at `GET /api/app/runtime` (used by the Vite dev server, which serves its own index.html).
 */
export interface AppRuntime {
  app: {
    title: string;
    /** Absolute URL or path of the logo shown in the sidebar. */
    logoUrl?: string;
    /** CSS colour used as the theme's primary colour. */
    primaryColor?: string;
    /** The portal's public base URL, e.g. http://localhost:7007. */
    baseUrl: string;
  };
  /** Web modules of plugins installed at run time, imported by the shell through the import map. */
  plugins: AppRuntimePlugin[];
}

export interface AppRuntimePlugin {
  id: string;
  /** URL of the plugin's prebuilt ES module, served by the server under /plugins/<id>/. */
  moduleUrl: string;
}

export const APP_RUNTIME_GLOBAL = '__PORTICO_RUNTIME__';
/** The comment in the built index.html that the server replaces with the runtime script. */
export const APP_RUNTIME_PLACEHOLDER = '<!--portico:runtime-->';
