import { Box, Link, Stack, Typography } from '@mui/material';
import type { Entity } from '@portico/model';
import type { ReactNode } from 'react';
import { LifecycleChip, TagChips } from '../components/EntityChips.js';
import { EntityRefLink } from '../components/EntityRefLink.js';
import { InfoCard } from '../components/InfoCard.js';
import { LinkIcon } from '../components/LinkIcon.js';
import { specText, specTextList } from '../entity-text.js';

/** The About card: description, ownership and placement, type, lifecycle, tags and links. */
export function AboutCard({ entity }: { entity: Entity }) {
  const namespace = entity.metadata.namespace ?? 'default';
  const ref = (field: string, defaultKind: string): ReactNode => {
    const value = specText(entity, field);
    return value === undefined ? undefined : <EntityRefLink entityRef={value} defaultKind={defaultKind} defaultNamespace={namespace} />;
  };
  const lifecycle = specText(entity, 'lifecycle');
  const targets = [...(specText(entity, 'target') ? [specText(entity, 'target')!] : []), ...specTextList(entity, 'targets')];
  const fields: Array<[string, ReactNode]> = [
    ['Owner', ref('owner', 'Group')],
    ['System', ref('system', 'System')],
    ['Domain', ref('domain', 'Domain')],
    ['Parent domain', ref('subdomainOf', 'Domain')],
    ['Subcomponent of', ref('subcomponentOf', 'Component')],
    ['Type', specText(entity, 'type')],
    ['Lifecycle', lifecycle === undefined ? undefined : <LifecycleChip lifecycle={lifecycle} />],
    ['Namespace', namespace === 'default' ? undefined : namespace],
    [
      targets.length > 1 ? 'Targets' : 'Target',
      targets.length === 0 ? undefined : (
        <Stack spacing={0.5}>
          {targets.map((target) => (
            <Typography key={target} variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {target}
            </Typography>
          ))}
        </Stack>
      ),
    ],
  ];
  const tags = entity.metadata.tags ?? [];
  const links = entity.metadata.links ?? [];
  return (
    <InfoCard title="About">
      <Typography variant="body1" color={entity.metadata.description ? 'text.primary' : 'text.secondary'} sx={{ mb: 2.5 }}>
        {entity.metadata.description ?? 'No description. Add one as metadata.description in the entity’s catalog file.'}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' }, gap: 2, m: 0 }}>
        {fields
          .filter(([, value]) => value !== undefined)
          .map(([label, value]) => (
            <Field key={label} label={label}>
              {value}
            </Field>
          ))}
        {tags.length > 0 && (
          <Field label="Tags" wide>
            <TagChips tags={tags} />
          </Field>
        )}
        {links.length > 0 && (
          <Field label="Links" wide>
            <Stack spacing={0.75}>
              {links.map((link) => (
                <Link
                  key={link.url}
                  href={link.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  underline="hover"
                  sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}
                >
                  <LinkIcon name={link.icon} fontSize="small" />
                  {link.title ?? link.url}
                </Link>
              ))}
            </Stack>
          </Field>
        )}
      </Box>
    </InfoCard>
  );
}

function Field({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <Box sx={{ gridColumn: wide ? '1 / -1' : undefined, minWidth: 0 }}>
      <Typography component="dt" variant="overline" color="text.secondary" sx={{ lineHeight: 1.6, display: 'block' }}>
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}
