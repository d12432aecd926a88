import { Avatar, Box, Chip, Link, Stack, Typography } from '@mui/material';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import { RELATION_CHILD_OF, RELATION_MEMBER_OF, RELATION_PARENT_OF, type Entity } from '@portico/model';
import type { ReactNode } from 'react';
import { EntityRefLink } from '../components/EntityRefLink.js';
import { InfoCard } from '../components/InfoCard.js';
import { LinkIcon } from '../components/LinkIcon.js';
import { entityDisplayName, humanizeRef, relationTargets, specText } from '../entity-text.js';
import { entityProfile, initials, safePictureUrl } from './profile.js';

/** A group's or user's profile: picture, name, e-mail, and where it sits in the organisation. */
export function ProfileCard({ entity }: { entity: Entity }) {
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const profile = entityProfile(entity);
  const name = entityDisplayName(entity);
  const parents = relationTargets(entity, RELATION_CHILD_OF);
  const children = relationTargets(entity, RELATION_PARENT_OF);
  const groups = relationTargets(entity, RELATION_MEMBER_OF);
  const type = specText(entity, 'type');
  return (
    <InfoCard title="Profile">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2 }}>
        <Avatar
          src={safePictureUrl(profile.picture)}
          alt=""
          variant={isGroup ? 'rounded' : 'circular'}
          sx={{ width: 56, height: 56, bgcolor: 'primary.main', color: 'primary.contrastText', fontWeight: 700 }}
        >
          {initials(name)}
        </Avatar>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h6" component="p">
            {name}
          </Typography>
          {profile.email && (
            <Link href={`mailto:${profile.email}`} underline="hover" variant="body2" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
              <EmailOutlinedIcon sx={{ fontSize: 16 }} aria-hidden />
              {profile.email}
            </Link>
          )}
        </Box>
      </Box>
      {entity.metadata.description && (
        <Typography variant="body2" sx={{ mb: 2 }}>
          {entity.metadata.description}
        </Typography>
      )}
      <Stack spacing={1.5}>
        {type && <Row label="Type">{type}</Row>}
        {isGroup && (
          <Row label="Parent group">{parents.length === 0 ? <Muted>None: a top-level group</Muted> : <RefList refs={parents} />}</Row>
        )}
        {isGroup && <Row label="Child groups">{children.length === 0 ? <Muted>None</Muted> : <RefList refs={children} />}</Row>}
        {!isGroup && <Row label="Member of">{groups.length === 0 ? <Muted>No groups</Muted> : <RefList refs={groups} />}</Row>}
        {(entity.metadata.links ?? []).length > 0 && (
          <Row label="Links">
            <Stack spacing={0.5}>
              {(entity.metadata.links ?? []).map((link) => (
                <Link key={link.url} href={link.url} target="_blank" rel="noopener noreferrer" underline="hover" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
                  <LinkIcon name={link.icon} fontSize="small" />
                  {link.title ?? link.url}
                </Link>
              ))}
            </Stack>
          </Row>
        )}
      </Stack>
    </InfoCard>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="overline" color="text.secondary" component="h3" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{children}</Box>
    </Box>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary" component="span">
      {children}
    </Typography>
  );
}

function RefList({ refs }: { refs: readonly string[] }) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
      {refs.map((ref) => (
        <Chip
          key={ref}
          size="small"
          variant="outlined"
          label={<EntityRefLink entityRef={ref}>{humanizeRef(ref, 'Group')}</EntityRefLink>}
          sx={{ '& a': { color: 'inherit' } }}
        />
      ))}
    </Box>
  );
}
