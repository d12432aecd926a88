import { IconButton, InputAdornment, TextField } from '@mui/material';
import SearchRoundedIcon from '@mui/icons-material/SearchRounded';
import CloseRoundedIcon from '@mui/icons-material/CloseRounded';
import { useEffect, useRef, useState } from 'react';

export interface TextFilterProps {
  value: string;
  /** Called once typing pauses, not on every key. */
  onChange: (value: string) => void;
  label: string;
  delayMs?: number;
}

/** The text filter: shows what is typed at once, tells the page after a pause. */
export function TextFilter({ value, onChange, label, delayMs = 300 }: TextFilterProps) {
  const [draft, setDraft] = useState(value);
  const sent = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // The URL changed underneath (back button, a shared link): show its value.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    if (draft === sent.current) return undefined;
    const timer = window.setTimeout(() => {
      sent.current = draft;
      onChangeRef.current(draft);
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [draft, delayMs]);

  return (
    <TextField
      size="small"
      fullWidth
      placeholder={`${label}…`}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && draft !== '') {
          event.stopPropagation();
          setDraft('');
        }
      }}
      slotProps={{
        htmlInput: { 'aria-label': label },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchRoundedIcon fontSize="small" />
            </InputAdornment>
          ),
          endAdornment:
            draft === '' ? undefined : (
              <InputAdornment position="end">
                <IconButton size="small" aria-label="Clear the text filter" onClick={() => setDraft('')} edge="end">
                  <CloseRoundedIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ),
        },
      }}
    />
  );
}
