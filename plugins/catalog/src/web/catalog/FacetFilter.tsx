import { Autocomplete, Box, Checkbox, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { facetsQuery } from '../queries.js';

export interface FacetFilterProps {
  label: string;
  /** The catalog key whose values are offered, e.g. `relations.ownedBy`. */
  facetKey: string;
  /** Lower-cased kind the counts are for. */
  kind: string;
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** How a value is shown (e.g. `group:default/billing` as `billing`). */
  formatValue?: (value: string) => string;
}

/**
 * A multi-select over one facet's values, each with its count among entities of the kind. The
 * values are asked for when the filter is about to be used (pointer over it, focus, open), not
 * with the page: counting every facet of a large catalog costs the server far more than a page
 * of rows. Values selected in the URL that the facet does not return stay removable.
 */
export function FacetFilter({ label, facetKey, kind, selected, onChange, formatValue = (value) => value }: FacetFilterProps) {
  const [wanted, setWanted] = useState(false);
  const facet = useQuery({ ...facetsQuery([facetKey], { kind }), enabled: wanted });
  const options = facet.data?.facets[facetKey] ?? [];
  const counts = new Map(options.map((option) => [option.value.toLocaleLowerCase('en-US'), option.count]));
  const values = [...options.map((option) => option.value), ...selected.filter((value) => !counts.has(value.toLocaleLowerCase('en-US')))];
  const same = (a: string, b: string) => a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
  const chosen = values.filter((value) => selected.some((item) => same(item, value)));
  const want = () => setWanted(true);
  return (
    <Autocomplete
      multiple
      size="small"
      disableCloseOnSelect
      options={values}
      value={chosen}
      onChange={(_event, next) => onChange(next)}
      onOpen={want}
      loading={facet.isFetching && options.length === 0}
      loadingText="Counting…"
      noOptionsText={facet.isError ? `Could not load: ${facet.error.message}` : 'No values'}
      getOptionLabel={formatValue}
      isOptionEqualToValue={same}
      limitTags={2}
      renderOption={({ key, ...props }, option, { selected: isSelected }) => (
        <Box component="li" key={key} {...props} sx={{ gap: 1 }}>
          <Checkbox size="small" checked={isSelected} sx={{ p: 0.25 }} tabIndex={-1} disableRipple />
          <Typography variant="body2" noWrap sx={{ flexGrow: 1, minWidth: 0 }}>
            {formatValue(option)}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {counts.get(option.toLocaleLowerCase('en-US')) ?? 0}
          </Typography>
        </Box>
      )}
      renderInput={(params) => (
        <TextField {...params} label={label} placeholder={chosen.length === 0 ? 'Any' : undefined} onFocus={want} onMouseEnter={want} />
      )}
      slotProps={{ chip: { size: 'small' } }}
    />
  );
}
