import { SOFTWARE_CATALOG_TYPE, SOFTWARE_TEMPLATE_TYPE } from '../../../common/index.js';
import type { SearchCollator, SearchDocumentInput } from '../../extension-points.js';
import type { CatalogReader } from './catalog-reader.js';
import { entityDocuments, type EntityDocumentOptions } from './entity-documents.js';

/** Entity changes as the catalog announces them (its event topics, or anything else). */
export type SubscribeToEntityChanges = (onChange: (entityRef: string) => void) => void;

export const CATALOG_COLLATOR_ID = SOFTWARE_CATALOG_TYPE;

/**
 * The built-in collator over the catalog: every entity becomes a `software-catalog` document
 * (and a Template also a `software-template` one). Entity events refresh single entities
 * within moments; the full build catches anything an event missed.
 */
export function createCatalogCollator(options: {
  reader: CatalogReader;
  subscribe: SubscribeToEntityChanges;
  documents: EntityDocumentOptions;
}): SearchCollator {
  const { reader, documents } = options;
  return {
    id: CATALOG_COLLATOR_ID,
    types: [SOFTWARE_CATALOG_TYPE, SOFTWARE_TEMPLATE_TYPE],

    async *collate({ signal }) {
      for await (const page of reader.streamEntities(signal)) {
        yield page.flatMap((entity) => entityDocuments(entity, documents));
      }
    },

    async refresh(itemKeys) {
      const entities = await reader.getEntitiesByRefs(itemKeys);
      const found = new Map<string, SearchDocumentInput[]>();
      itemKeys.forEach((key, index) => {
        const entity = entities[index];
        if (entity) found.set(key, entityDocuments(entity, documents));
      });
      return found;
    },

    connect(connection) {
      options.subscribe((entityRef) => {
        // Queued in the database right away; a failure is logged by the indexer.
        connection.invalidate([entityRef.toLocaleLowerCase('en-US')]).catch(() => undefined);
      });
    },
  };
}
