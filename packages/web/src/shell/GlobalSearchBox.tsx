import { Box, InputBase } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';

const isApplePlatform = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * The search box in the top bar. Ctrl+K (Cmd+K on a Mac) focuses it from anywhere; Enter opens
 * the search page, `/search?term=...`, which the search plugin provides.
 */
export function GlobalSearchBox() {
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState('');

  useEffect(() => {
    const focusOnShortcut = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', focusOnShortcut);
    return () => window.removeEventListener('keydown', focusOnShortcut);
  }, []);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = term.trim();
    if (trimmed === '') return;
    input.current?.blur();
    void navigate({ to: '/search', search: { term: trimmed } });
  };

  return (
    <Box
      component="form"
      role="search"
      onSubmit={submit}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        px: 1.5,
        height: 40,
        width: '100%',
        maxWidth: 440,
        borderRadius: 2.5,
        border: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        transition: 'border-color 120ms, box-shadow 120ms',
        '&:focus-within': { borderColor: 'primary.main', boxShadow: 2 },
      }}
    >
      <SearchIcon fontSize="small" sx={{ color: 'text.secondary' }} />
      <InputBase
        inputRef={input}
        type="search"
        value={term}
        onChange={(event) => setTerm(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') input.current?.blur();
        }}
        placeholder="Search the portal"
        inputProps={{ 'aria-label': 'Search', 'aria-keyshortcuts': isApplePlatform ? 'Meta+K' : 'Control+K' }}
        sx={{ flexGrow: 1, fontSize: 14 }}
      />
      <Box
        component="kbd"
        aria-hidden
        sx={{
          display: { xs: 'none', sm: 'block' },
          px: 0.75,
          py: 0.25,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          color: 'text.secondary',
          fontFamily: 'inherit',
          fontSize: 12,
          lineHeight: 1.5,
          whiteSpace: 'nowrap',
        }}
      >
        {isApplePlatform ? '⌘ K' : 'Ctrl K'}
      </Box>
    </Box>
  );
}
