import { Box, Button, Card, Chip, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { tryParseEntityRef } from '@portico/model';
import { ErrorPanel, PageHeader } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { KindIcon } from '../components/KindIcon.js';
import { useDocumentTitle } from '../document-title.js';
import { entityPagePath } from '../entity-routes.js';
import { entityDisplayName } from '../entity-text.js';
import { kindsIn, RELATION_CHOICES, relationTypesFor } from '../graph/graph-model.js';
import { RelationsGraph } from '../graph/RelationsGraph.js';
import { entityQuery, relationsGraphQuery } from '../queries.js';

const DEPTHS = [1, 2, 3, 4, 5];

interface GraphSearch {
  root: string | undefined;
  depth: number;
  /** Relation choice ids; undefined: all. */
  relations: string[] | undefined;
  /** Lower-case kinds; undefined: all. */
  kinds: string[] | undefined;
  /** Relation names on edges: always, never, or undefined (when there are few). */
  labels: boolean | undefined;
}

function parseGraphSearch(raw: Readonly<Record<string, unknown>>): GraphSearch {
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
  const list = (value: unknown) => {
    const joined = text(value);
    return joined === undefined ? undefined : joined.split(',').map((item) => item.trim()).filter(Boolean);
  };
  const depth = Number(text(raw.depth) ?? 2);
  return {
    root: text(raw.root)?.toLocaleLowerCase('en-US'),
    depth: DEPTHS.includes(depth) ? depth : 2,
    relations: list(raw.relations),
    kinds: list(raw.kinds)?.map((kind) => kind.toLocaleLowerCase('en-US')),
    labels: raw.labels === true || raw.labels === 'true' ? true : raw.labels === false || raw.labels === 'false' ? false : undefined,
  };
}

/** `/catalog-graph?root=...`: the relations graph around one entity, with depth, relation and kind controls. */
export default function GraphPage() {
  const search = parseGraphSearch(useSearch({ strict: false }) as Readonly<Record<string, unknown>>);
  const navigate = useNavigate();
  const root = search.root === undefined ? undefined : tryParseEntityRef(search.root);
  const rootEntity = useQuery({ ...entityQuery(root ?? { kind: '', namespace: '', name: '' }), enabled: root !== undefined });
  const relationTypes = search.relations === undefined ? undefined : relationTypesFor(search.relations);
  const graph = useQuery({
    ...relationsGraphQuery({ rootEntityRefs: [search.root ?? ''], maxDepth: search.depth, ...(relationTypes ? { relationTypes } : {}), maxNodes: 200 }),
    enabled: root !== undefined,
  });
  const title = rootEntity.data ? entityDisplayName(rootEntity.data) : search.root;
  useDocumentTitle(title === undefined ? 'Relations graph' : `Graph of ${title}`);

  const update = (patch: Partial<GraphSearch>) => {
    const next = { ...search, ...patch };
    void navigate({
      to: '/catalog-graph',
      search: {
        root: next.root,
        depth: next.depth === 2 ? undefined : next.depth,
        relations: next.relations?.join(','),
        kinds: next.kinds?.join(','),
        labels: next.labels,
      },
      replace: true,
    });
  };

  if (root === undefined || search.root === undefined) {
    return (
      <>
        <PageHeader title="Relations graph" />
        <Card sx={{ p: 4, textAlign: 'center', borderStyle: 'dashed' }}>
          <Typography variant="h6" component="p">
            Choose an entity to draw its relations
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 1, mb: 2 }}>
            Open any entity in the catalog and use “Open graph” on its Relations card.
          </Typography>
          <Button variant="outlined" href="/catalog">
            Go to the catalog
          </Button>
        </Card>
      </>
    );
  }

  const presentKinds = kindsIn(graph.data?.nodes ?? []);
  const chosenRelations = search.relations ?? RELATION_CHOICES.map((choice) => choice.id);
  const toggle = (values: readonly string[], value: string) => (values.includes(value) ? values.filter((item) => item !== value) : [...values, value]);

  return (
    <>
      <PageHeader
        title={
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1.5 }}>
            <KindIcon kind={root.kind} sx={{ fontSize: 30, color: 'text.secondary' }} />
            {`Graph of ${title ?? search.root}`}
          </Box>
        }
        subtitle={<Box component="span" sx={{ fontFamily: 'monospace' }}>{search.root}</Box>}
        actions={
          <Button variant="outlined" href={entityPagePath(root)}>
            Open entity page
          </Button>
        }
      />
      {rootEntity.isError && <ErrorPanel error={rootEntity.error} />}
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Stack spacing={1.5}>
          <ControlRow label="Depth">
            <ToggleButtonGroup
              exclusive
              size="small"
              value={search.depth}
              aria-label="Depth"
              onChange={(_event, depth: number | null) => {
                if (depth !== null) update({ depth });
              }}
            >
              {DEPTHS.map((depth) => (
                <ToggleButton key={depth} value={depth} aria-label={`Depth ${depth}`} sx={{ px: 1.5, py: 0.25 }}>
                  {depth}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </ControlRow>
          <ControlRow label="Relations">
            <Box role="group" aria-label="Relations" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
              {RELATION_CHOICES.map((choice) => {
                const on = chosenRelations.includes(choice.id);
                return (
                  <Chip
                    key={choice.id}
                    label={choice.label}
                    size="small"
                    color={on ? 'primary' : 'default'}
                    variant={on ? 'filled' : 'outlined'}
                    aria-pressed={on}
                    onClick={() => {
                      const next = toggle(chosenRelations, choice.id);
                      update({ relations: next.length === RELATION_CHOICES.length ? undefined : next });
                    }}
                  />
                );
              })}
            </Box>
          </ControlRow>
          <ControlRow label="Labels">
            <ToggleButtonGroup
              exclusive
              size="small"
              value={search.labels === undefined ? 'auto' : search.labels ? 'on' : 'off'}
              aria-label="Relation names on edges"
              onChange={(_event, value: 'auto' | 'on' | 'off' | null) => {
                if (value !== null) update({ labels: value === 'auto' ? undefined : value === 'on' });
              }}
            >
              <ToggleButton value="auto" sx={{ px: 1.5, py: 0.25 }}>
                Auto
              </ToggleButton>
              <ToggleButton value="on" sx={{ px: 1.5, py: 0.25 }}>
                Show
              </ToggleButton>
              <ToggleButton value="off" sx={{ px: 1.5, py: 0.25 }}>
                Hide
              </ToggleButton>
            </ToggleButtonGroup>
          </ControlRow>
          {presentKinds.length > 0 && (
            <ControlRow label="Kinds">
              <Box role="group" aria-label="Kinds" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
                {presentKinds.map(({ kind, count }) => {
                  const key = kind.toLocaleLowerCase('en-US');
                  const chosen = search.kinds ?? presentKinds.map((item) => item.kind.toLocaleLowerCase('en-US'));
                  const on = chosen.includes(key);
                  return (
                    <Chip
                      key={kind}
                      icon={<KindIcon kind={kind} fontSize="small" />}
                      label={`${kind} ${count}`}
                      size="small"
                      color={on ? 'primary' : 'default'}
                      variant={on ? 'filled' : 'outlined'}
                      aria-pressed={on}
                      onClick={() => {
                        const next = toggle(chosen, key);
                        update({ kinds: next.length === presentKinds.length ? undefined : next });
                      }}
                    />
                  );
                })}
              </Box>
            </ControlRow>
          )}
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        <RelationsGraph
          rootRef={search.root}
          maxDepth={search.depth}
          {...(relationTypes ? { relationTypes } : {})}
          {...(search.kinds ? { kinds: search.kinds } : {})}
          {...(search.labels === undefined ? {} : { showLabels: search.labels })}
          height="calc(100vh - 330px)"
          label={`Relations graph of ${title ?? search.root}`}
        />
      </Paper>
    </>
  );
}

function ControlRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: { sm: 'center' }, flexDirection: { xs: 'column', sm: 'row' }, gap: { xs: 0.5, sm: 2 } }}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 80, flexShrink: 0, fontWeight: 600 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}
