import { Avatar, Box, Chip, IconButton, Link, Skeleton, Typography } from '@mui/material';
import ChevronRightRoundedIcon from '@mui/icons-material/ChevronRightRounded';
import ExpandMoreRoundedIcon from '@mui/icons-material/ExpandMoreRounded';
import { RELATION_HAS_MEMBER, RELATION_OWNER_OF, RELATION_PARENT_OF, stringifyEntityRef, type Entity } from '@portico/model';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName, relationTargets, specText } from '../entity-text.js';
import { initials, entityProfile, safePictureUrl } from '../org/profile.js';
import { entitiesByRefsQuery, entitiesQuery } from '../queries.js';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.type', 'spec.profile', 'relations'];
const MAX_ROOTS = 100;

/**
 * The organisation as a tree: top-level groups (no parent) first, each group's child groups
 * loaded when it is opened. The first level starts open.
 */
export function OrgChart() {
  const roots = useQuery(
    entitiesQuery({
      query: { $all: [{ kind: 'group' }, { $not: { 'relations.childOf': { $exists: true } } }] },
      orderBy: [{ field: 'metadata.name', order: 'asc' }],
      fields: FIELDS,
      limit: MAX_ROOTS,
      totalItems: 'include',
    }),
  );
  if (roots.isError) return <ErrorPanel error={roots.error} onRetry={() => void roots.refetch()} />;
  if (roots.isPending) return <Skeleton variant="rounded" height={120} />;
  if (roots.data.items.length === 0) {
    return <Typography color="text.secondary">No groups in the catalog yet. Groups come from catalog files with `kind: Group`.</Typography>;
  }
  return (
    <Box component="ul" aria-label="Organisation" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {roots.data.items.map((group) => (
        <GroupNode key={stringifyEntityRef(group)} group={group} depth={0} initiallyOpen />
      ))}
      {roots.data.totalItems > roots.data.items.length && (
        <Typography variant="body2" color="text.secondary" component="li" sx={{ mt: 1 }}>
          and {roots.data.totalItems - roots.data.items.length} more top-level groups; find them in the catalog under Groups.
        </Typography>
      )}
    </Box>
  );
}

function GroupNode({ group, depth, initiallyOpen = false }: { group: Entity; depth: number; initiallyOpen?: boolean }) {
  const children = relationTargets(group, RELATION_PARENT_OF);
  const [open, setOpen] = useState(initiallyOpen && children.length > 0);
  const name = entityDisplayName(group);
  const profile = entityProfile(group);
  const members = relationTargets(group, RELATION_HAS_MEMBER).length;
  const owns = relationTargets(group, RELATION_OWNER_OF).length;
  const type = specText(group, 'type');
  return (
    <Box component="li" sx={{ position: 'relative' }}>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1.5,
          py: 1,
          px: 1,
          ml: depth * 3.5,
          borderRadius: 1,
          '&:hover': { bgcolor: 'action.hover' },
        }}
      >
        {children.length > 0 ? (
          <IconButton size="small" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`} onClick={() => setOpen((value) => !value)}>
            {open ? <ExpandMoreRoundedIcon fontSize="small" /> : <ChevronRightRoundedIcon fontSize="small" />}
          </IconButton>
        ) : (
          <Box sx={{ width: 34 }} />
        )}
        <Avatar src={safePictureUrl(profile.picture)} alt="" variant="rounded" sx={{ width: 36, height: 36, fontSize: 14, bgcolor: depth === 0 ? 'primary.main' : 'secondary.main' }}>
          {initials(name)}
        </Avatar>
        <Box sx={{ minWidth: 0, flexGrow: 1 }}>
          <Link href={entityPath(group)} underline="hover" sx={{ fontWeight: 600 }}>
            {name}
          </Link>
          {group.metadata.description && (
            <Typography variant="caption" color="text.secondary" component="div" noWrap>
              {group.metadata.description}
            </Typography>
          )}
        </Box>
        <Box sx={{ display: { xs: 'none', sm: 'flex' }, gap: 0.75, flexShrink: 0 }}>
          {type && <Chip size="small" variant="outlined" label={type} />}
          <Chip size="small" label={`${members} ${members === 1 ? 'member' : 'members'}`} />
          {owns > 0 && <Chip size="small" label={`owns ${owns}`} />}
          {children.length > 0 && <Chip size="small" label={`${children.length} ${children.length === 1 ? 'subgroup' : 'subgroups'}`} />}
        </Box>
      </Box>
      {open && <ChildGroups refs={children} depth={depth + 1} parentName={name} />}
    </Box>
  );
}

function ChildGroups({ refs, depth, parentName }: { refs: string[]; depth: number; parentName: string }) {
  const groups = useQuery(entitiesByRefsQuery(refs, FIELDS));
  if (groups.isError) return <ErrorPanel error={groups.error} onRetry={() => void groups.refetch()} />;
  return (
    <Box component="ul" aria-label={`Groups in ${parentName}`} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {groups.isPending && (
        <Box component="li" sx={{ ml: depth * 3.5 + 6 }}>
          <Skeleton width="40%" height={40} />
        </Box>
      )}
      {groups.data
        ?.filter((group): group is Entity => group !== null)
        .sort((a, b) => entityDisplayName(a).localeCompare(entityDisplayName(b)))
        .map((group) => <GroupNode key={stringifyEntityRef(group)} group={group} depth={depth} />)}
    </Box>
  );
}
