import { IconButton } from '@mui/material';
import StarRoundedIcon from '@mui/icons-material/StarRounded';
import StarBorderRoundedIcon from '@mui/icons-material/StarBorderRounded';
import { useStarredEntities } from '../stars.js';

export interface StarButtonProps {
  /** The entity's ref, `component:default/booking-service`. */
  entityRef: string;
  /** Names the entity in the button's accessible name. */
  label: string;
  size?: 'small' | 'medium';
}

/** Stars or unstars an entity; `aria-pressed` tells assistive technology which it is. */
export function StarButton({ entityRef, label, size = 'small' }: StarButtonProps) {
  const { isStarred, toggle } = useStarredEntities();
  const starred = isStarred(entityRef);
  const name = starred ? `Remove ${label} from starred` : `Add ${label} to starred`;
  return (
    <IconButton
      size={size}
      aria-label={name}
      aria-pressed={starred}
      title={starred ? 'Starred: click to remove the star' : 'Star'}
      onClick={() => toggle(entityRef)}
      sx={{ color: starred ? 'warning.main' : 'text.secondary' }}
    >
      {starred ? <StarRoundedIcon fontSize={size} /> : <StarBorderRoundedIcon fontSize={size} />}
    </IconButton>
  );
}
