import { Box, Tab, Tabs, Typography } from '@mui/material';
import { RELATION_HAS_PART, type Entity } from '@portico/model';
import { PageHeader, useAppRuntime } from '@portico/web';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { EntityCardGrid } from '../explore/EntityCardGrid.js';
import { OrgChart } from '../explore/OrgChart.js';
import { humanizeRef, relationTargets, specText } from '../entity-text.js';

const TABS = [
  { id: 'domains', label: 'Domains' },
  { id: 'systems', label: 'Systems' },
  { id: 'groups', label: 'Groups' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function countParts(entity: Entity, kind: string, singular: string, plural: string): string | undefined {
  const count = relationTargets(entity, RELATION_HAS_PART).filter((ref) => ref.startsWith(`${kind}:`)).length;
  return count === 0 ? undefined : `${count} ${count === 1 ? singular : plural}`;
}

/** `/explore`: the organisation's domains, systems and groups at a glance. */
export default function ExplorePage() {
  const { app } = useAppRuntime();
  const search = useSearch({ strict: false }) as Readonly<Record<string, unknown>>;
  const navigate = useNavigate();
  const tab: TabId = TABS.some((item) => item.id === search.tab) ? (search.tab as TabId) : 'domains';
  return (
    <>
      <PageHeader title="Explore" subtitle={`How ${app.title} is organised: business domains, the systems in them, and the teams behind them.`} />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
        <Tabs value={tab} onChange={(_event, value: TabId) => void navigate({ to: '/explore', search: { tab: value === 'domains' ? undefined : value } })} aria-label="Explore">
          {TABS.map((item) => (
            <Tab key={item.id} value={item.id} label={item.label} sx={{ minHeight: 44 }} />
          ))}
        </Tabs>
      </Box>
      {tab === 'domains' && (
        <EntityCardGrid
          key="domains"
          label="domains"
          query={{ kind: 'domain' }}
          facts={(entity) => [countParts(entity, 'system', 'system', 'systems'), countParts(entity, 'domain', 'subdomain', 'subdomains')].filter(Boolean)}
          empty={<Empty text="No domains yet. A Domain groups systems that serve one area of the business." />}
        />
      )}
      {tab === 'systems' && (
        <EntityCardGrid
          key="systems"
          label="systems"
          query={{ kind: 'system' }}
          facts={(entity) =>
            [
              specText(entity, 'domain') ? `Domain: ${humanizeRef(specText(entity, 'domain')!, 'Domain')}` : undefined,
              countParts(entity, 'component', 'component', 'components'),
              countParts(entity, 'api', 'API', 'APIs'),
              countParts(entity, 'resource', 'resource', 'resources'),
            ].filter(Boolean)
          }
          empty={<Empty text="No systems yet. A System is a set of components, APIs and resources that work together." />}
        />
      )}
      {tab === 'groups' && <OrgChart />}
    </>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Typography color="text.secondary" sx={{ py: 4 }}>
      {text}
    </Typography>
  );
}
