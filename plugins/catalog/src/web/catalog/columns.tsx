import { Link, Typography } from '@mui/material';
import { stringifyEntityRef, type Entity } from '@portico/model';
import type { ReactNode } from 'react';
import { LifecycleChip, TagChips } from '../components/EntityChips.js';
import { EntityRefLink } from '../components/EntityRefLink.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName, specText } from '../entity-text.js';

/** A column of the catalog table. */
export interface CatalogColumn {
  id: string;
  label: string;
  /** The field the server sorts by; unsortable when absent. */
  sortField?: string;
  width?: number | string;
  render(entity: Entity): ReactNode;
}

const namespaceOf = (entity: Entity) => entity.metadata.namespace ?? 'default';

function refColumn(id: string, label: string, field: string, defaultKind: string): CatalogColumn {
  return {
    id,
    label,
    sortField: `spec.${field}`,
    width: '13%',
    render: (entity) => {
      const ref = specText(entity, field);
      return ref === undefined ? null : <EntityRefLink entityRef={ref} defaultKind={defaultKind} defaultNamespace={namespaceOf(entity)} />;
    },
  };
}

const nameColumn: CatalogColumn = {
  id: 'name',
  label: 'Name',
  sortField: 'metadata.name',
  width: '18%',
  render: (entity) => {
    const ref = stringifyEntityRef(entity);
    return (
      <Link href={entityPath(entity)} underline="hover" title={ref} sx={{ fontWeight: 600 }} data-entity-ref={ref}>
        {entityDisplayName(entity)}
      </Link>
    );
  },
};

const ownerColumn = refColumn('owner', 'Owner', 'owner', 'Group');
const systemColumn = refColumn('system', 'System', 'system', 'System');
const domainColumn = refColumn('domain', 'Domain', 'domain', 'Domain');
const parentColumn = refColumn('parent', 'Parent', 'parent', 'Group');

const typeColumn: CatalogColumn = {
  id: 'type',
  label: 'Type',
  sortField: 'spec.type',
  width: '108px',
  render: (entity) => specText(entity, 'type') ?? null,
};

const lifecycleColumn: CatalogColumn = {
  id: 'lifecycle',
  label: 'Lifecycle',
  sortField: 'spec.lifecycle',
  width: '116px',
  render: (entity) => {
    const lifecycle = specText(entity, 'lifecycle');
    return lifecycle === undefined ? null : <LifecycleChip lifecycle={lifecycle} />;
  },
};

const descriptionColumn: CatalogColumn = {
  id: 'description',
  label: 'Description',
  render: (entity) =>
    entity.metadata.description ? (
      <Typography
        variant="body2"
        color="text.secondary"
        title={entity.metadata.description}
        sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
      >
        {entity.metadata.description}
      </Typography>
    ) : null,
};

const tagsColumn: CatalogColumn = {
  id: 'tags',
  label: 'Tags',
  width: '15%',
  render: (entity) => <TagChips tags={entity.metadata.tags ?? []} max={2} />,
};

const emailColumn: CatalogColumn = {
  id: 'email',
  label: 'Email',
  width: '22%',
  sortField: 'spec.profile.email',
  render: (entity) => {
    const profile = entity.spec?.profile;
    const email = profile !== null && typeof profile === 'object' && !Array.isArray(profile) ? profile.email : undefined;
    return typeof email === 'string' ? (
      <Link href={`mailto:${email}`} underline="hover">
        {email}
      </Link>
    ) : null;
  },
};

const targetColumn: CatalogColumn = {
  id: 'target',
  label: 'Target',
  render: (entity) => (
    <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
      {specText(entity, 'target') ?? ''}
    </Typography>
  ),
};

const COLUMNS_BY_KIND: Readonly<Record<string, readonly CatalogColumn[]>> = {
  component: [nameColumn, systemColumn, ownerColumn, typeColumn, lifecycleColumn, descriptionColumn, tagsColumn],
  api: [nameColumn, systemColumn, ownerColumn, typeColumn, lifecycleColumn, descriptionColumn, tagsColumn],
  resource: [nameColumn, systemColumn, ownerColumn, typeColumn, descriptionColumn, tagsColumn],
  system: [nameColumn, domainColumn, ownerColumn, descriptionColumn, tagsColumn],
  domain: [nameColumn, ownerColumn, descriptionColumn, tagsColumn],
  group: [nameColumn, typeColumn, parentColumn, emailColumn, descriptionColumn],
  user: [nameColumn, emailColumn, descriptionColumn],
  location: [nameColumn, typeColumn, targetColumn, descriptionColumn],
  template: [nameColumn, ownerColumn, typeColumn, descriptionColumn, tagsColumn],
};

const DEFAULT_COLUMNS: readonly CatalogColumn[] = [nameColumn, ownerColumn, typeColumn, descriptionColumn, tagsColumn];

/** The columns that fit a kind; kinds Portico does not know get a general set. */
export function columnsForKind(kind: string): readonly CatalogColumn[] {
  return COLUMNS_BY_KIND[kind.toLocaleLowerCase('en-US')] ?? DEFAULT_COLUMNS;
}

const kindColumn: CatalogColumn = {
  id: 'kind',
  label: 'Kind',
  width: '12%',
  sortField: 'kind',
  render: (entity) => entity.kind,
};

/** Columns for lists that mix kinds (owned entities). */
export const MIXED_KIND_COLUMNS: readonly CatalogColumn[] = [nameColumn, kindColumn, typeColumn, lifecycleColumn, descriptionColumn];
