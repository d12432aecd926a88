import { CatalogView } from '../catalog/CatalogView.js';

/** `/api-docs`: the catalog preset to APIs, the way API consumers look for them. */
export default function ApisPage() {
  return <CatalogView path="/api-docs" title="APIs" subtitle="Every API in the catalog: who provides it, who owns it, and how mature it is." fixedKind="api" />;
}
