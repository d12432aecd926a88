import {
  Box,
  Breadcrumbs,
  Button,
  Chip,
  Divider,
  IconButton,
  Link,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Snackbar,
  Typography,
} from '@mui/material';
import ContentCopyRoundedIcon from '@mui/icons-material/ContentCopyRounded';
import DataObjectRoundedIcon from '@mui/icons-material/DataObjectRounded';
import DeleteOutlineRoundedIcon from '@mui/icons-material/DeleteOutlineRounded';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import MoreVertRoundedIcon from '@mui/icons-material/MoreVertRounded';
import OpenInNewRoundedIcon from '@mui/icons-material/OpenInNewRounded';
import RefreshRoundedIcon from '@mui/icons-material/RefreshRounded';
import { stringifyEntityRef, type Entity } from '@portico/model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { catalogClient } from '../api.js';
import { kindPlural } from '../catalog/kinds.js';
import { LifecycleChip } from '../components/EntityChips.js';
import { KindIcon } from '../components/KindIcon.js';
import { SearchLink } from '../components/SearchLinks.js';
import { StarButton } from '../components/StarButton.js';
import { entityDisplayName, specText } from '../entity-text.js';
import { catalogKeys } from '../queries.js';
import { sourceLinks } from './entity-actions.js';

const UnregisterDialog = lazy(() => import('./UnregisterDialog.js').then((module) => ({ default: module.UnregisterDialog })));
const InspectDialog = lazy(() => import('./InspectDialog.js').then((module) => ({ default: module.InspectDialog })));

/** The entity page's title block: kind, name, star, and what can be done with the entity. */
export function EntityHeader({ entity }: { entity: Entity }) {
  const ref = stringifyEntityRef(entity);
  const name = entityDisplayName(entity);
  const type = specText(entity, 'type');
  const lifecycle = specText(entity, 'lifecycle');
  const links = sourceLinks(entity);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'unregister' | 'inspect' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const refresh = useMutation({
    mutationFn: () => catalogClient.refreshEntity(entity),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      setNotice(`${name} is read again from its location`);
    },
    onError: (error) => setNotice(`Refresh failed: ${error.message}`),
  });
  const copyRef = async () => {
    setMenu(null);
    try {
      await navigator.clipboard.writeText(ref);
      setNotice(`Copied ${ref}`);
    } catch {
      setNotice(`Could not copy; the entity ref is ${ref}`);
    }
  };

  return (
    <Box component="header" sx={{ mb: 3 }}>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1, fontSize: '0.875rem' }}>
        <Link href="/catalog" underline="hover" color="text.secondary">
          Catalog
        </Link>
        <SearchLink to="/catalog" search={{ kind: entity.kind.toLocaleLowerCase('en-US') }} underline="hover" color="text.secondary">
          {kindPlural(entity.kind)}
        </SearchLink>
        <Typography color="text.primary" sx={{ fontSize: 'inherit' }}>
          {entity.metadata.name}
        </Typography>
      </Breadcrumbs>
      <Box sx={{ display: 'flex', gap: 2, alignItems: { md: 'flex-start' }, flexDirection: { xs: 'column', md: 'row' } }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <KindIcon kind={entity.kind} sx={{ fontSize: 32, color: 'primary.main' }} />
            <Typography variant="h1" sx={{ overflowWrap: 'anywhere' }}>
              {name}
            </Typography>
            <StarButton entityRef={ref} label={name} size="medium" />
          </Box>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1, flexWrap: 'wrap' }}>
            <Chip size="small" label={entity.kind} icon={<KindIcon kind={entity.kind} fontSize="small" />} />
            {type && <Chip size="small" variant="outlined" label={type} />}
            {lifecycle && <LifecycleChip lifecycle={lifecycle} />}
            <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', ml: 0.5 }}>
              {ref}
            </Typography>
            <IconButton size="small" aria-label="Copy entity ref" title="Copy entity ref" onClick={() => void copyRef()}>
              <ContentCopyRoundedIcon sx={{ fontSize: 16 }} />
            </IconButton>
          </Box>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexShrink: 0, flexWrap: 'wrap' }}>
          {links.view && (
            <Button variant="outlined" href={links.view} target="_blank" rel="noopener noreferrer" startIcon={<OpenInNewRoundedIcon />}>
              View source
            </Button>
          )}
          {links.edit && (
            <Button variant="outlined" href={links.edit} target="_blank" rel="noopener noreferrer" startIcon={<EditOutlinedIcon />}>
              Edit
            </Button>
          )}
          <Button variant="outlined" onClick={() => refresh.mutate()} disabled={refresh.isPending} startIcon={<RefreshRoundedIcon />}>
            {refresh.isPending ? 'Refreshing…' : 'Refresh'}
          </Button>
          <IconButton aria-label="More actions" aria-haspopup="menu" aria-expanded={menu !== null} onClick={(event) => setMenu(event.currentTarget)}>
            <MoreVertRoundedIcon />
          </IconButton>
          <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
            <MenuItem onClick={() => void copyRef()}>
              <ListItemIcon>
                <ContentCopyRoundedIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText>Copy entity ref</ListItemText>
            </MenuItem>
            <MenuItem
              onClick={() => {
                setMenu(null);
                setDialog('inspect');
              }}
            >
              <ListItemIcon>
                <DataObjectRoundedIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText>Inspect entity</ListItemText>
            </MenuItem>
            <Divider />
            <MenuItem
              onClick={() => {
                setMenu(null);
                setDialog('unregister');
              }}
              sx={{ color: 'error.main' }}
            >
              <ListItemIcon sx={{ color: 'inherit' }}>
                <DeleteOutlineRoundedIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText>Unregister entity…</ListItemText>
            </MenuItem>
          </Menu>
        </Box>
      </Box>
      <Suspense fallback={null}>
        {dialog === 'unregister' && <UnregisterDialog entity={entity} open onClose={() => setDialog(null)} />}
        {dialog === 'inspect' && <InspectDialog entity={entity} open onClose={() => setDialog(null)} />}
      </Suspense>
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice ?? ''} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }} />
    </Box>
  );
}
