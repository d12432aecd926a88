import { fetchJson } from '@portico/web';
import { CatalogClient } from '../common/client.js';

/** The catalog client the web plugin uses: same-origin requests through the kernel's API client. */
export const catalogClient = new CatalogClient({ fetchJson });
