import { Avatar, Box, Button, Link, Skeleton, Typography } from '@mui/material';
import { RELATION_HAS_MEMBER, type Entity } from '@portico/model';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyCardText, InfoCard } from '../components/InfoCard.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName, relationTargets } from '../entity-text.js';
import { entitiesByRefsQuery } from '../queries.js';
import { entityProfile, initials, safePictureUrl } from './profile.js';

const PAGE = 12;
const MEMBER_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile'];

/** A group's direct members with their pictures, a page at a time. */
export function MembersCard({ entity }: { entity: Entity }) {
  const refs = relationTargets(entity, RELATION_HAS_MEMBER);
  const [shown, setShown] = useState(PAGE);
  const members = useQuery(entitiesByRefsQuery(refs.slice(0, shown), MEMBER_FIELDS));
  return (
    <InfoCard title="Members" subheader={refs.length}>
      {refs.length === 0 && <EmptyCardText>This group has no direct members.</EmptyCardText>}
      {members.isError && <ErrorPanel error={members.error} onRetry={() => void members.refetch()} />}
      <Box component="ul" aria-label="Members" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>
        {refs.slice(0, shown).map((ref, index) => {
          const member = members.data?.[index];
          if (member === undefined) {
            return (
              <Box component="li" key={ref} sx={{ display: 'flex', gap: 1.5, alignItems: 'center', p: 1 }}>
                <Skeleton variant="circular" width={40} height={40} />
                <Skeleton width="60%" />
              </Box>
            );
          }
          return <Member key={ref} entityRef={ref} member={member} />;
        })}
      </Box>
      {refs.length > shown && (
        <Button size="small" onClick={() => setShown((current) => current + PAGE * 2)} sx={{ mt: 1.5 }}>
          Show more members ({refs.length - shown} more)
        </Button>
      )}
    </InfoCard>
  );
}

function Member({ entityRef, member }: { entityRef: string; member: Entity | null }) {
  if (member === null) {
    return (
      <Box component="li" sx={{ p: 1 }}>
        <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {entityRef} (not in the catalog)
        </Typography>
      </Box>
    );
  }
  const profile = entityProfile(member);
  const name = entityDisplayName(member);
  return (
    <Box component="li" sx={{ display: 'flex', gap: 1.5, alignItems: 'center', p: 1, borderRadius: 1, '&:hover': { bgcolor: 'action.hover' } }}>
      <Avatar src={safePictureUrl(profile.picture)} alt="" sx={{ width: 40, height: 40, fontSize: 15, bgcolor: 'secondary.main' }}>
        {initials(name)}
      </Avatar>
      <Box sx={{ minWidth: 0 }}>
        <Link href={entityPath(member)} underline="hover" sx={{ fontWeight: 600, display: 'block' }} noWrap>
          {name}
        </Link>
        {profile.email && (
          <Typography variant="caption" color="text.secondary" noWrap component="div">
            {profile.email}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
