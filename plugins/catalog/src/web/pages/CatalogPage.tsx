import { useAppRuntime } from '@portico/web';
import { CatalogView } from '../catalog/CatalogView.js';

/** `/catalog`: every entity of the chosen kind. */
export default function CatalogPage() {
  const { app } = useAppRuntime();
  return <CatalogView path="/catalog" title="Catalog" subtitle={`Everything ${app.title} knows about: services, websites, APIs, resources, systems and teams.`} />;
}
