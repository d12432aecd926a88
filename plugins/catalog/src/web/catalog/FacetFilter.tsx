import { Autocomplete, Box, Checkbox, TextField, Typography } from '@mui/material';
import type { FacetCount } from '../../common/contracts.js';

export interface FacetFilterProps {
  label: string;
  /** The facet's values with counts, most common first. */
  options: readonly FacetCount[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** How a value is shown (e.g. `group:default/billing` as `billing`). */
  formatValue?: (value: string) => string;
}

/**
 * A multi-select over one facet's values, each with its count. Typing narrows the list, which
 * matters for owners and tags in a large catalog. Values selected in the URL that the facet no
 * longer returns stay selectable (with a count of 0) so they can be removed.
 */
export function FacetFilter({ label, options, selected, onChange, formatValue = (value) => value }: FacetFilterProps) {
  const counts = new Map(options.map((option) => [option.value.toLocaleLowerCase('en-US'), option.count]));
  const values = [
    ...options.map((option) => option.value),
    ...selected.filter((value) => !counts.has(value.toLocaleLowerCase('en-US'))),
  ];
  const countOf = (value: string) => counts.get(value.toLocaleLowerCase('en-US')) ?? 0;
  const chosen = values.filter((value) => selected.some((item) => item.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US')));
  return (
    <Autocomplete
      multiple
      size="small"
      disableCloseOnSelect
      options={values}
      value={chosen}
      onChange={(_event, next) => onChange(next)}
      getOptionLabel={formatValue}
      isOptionEqualToValue={(option, value) => option.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US')}
      limitTags={2}
      renderOption={({ key, ...props }, option, { selected: isSelected }) => (
        <Box component="li" key={key} {...props} sx={{ gap: 1 }}>
          <Checkbox size="small" checked={isSelected} sx={{ p: 0.25 }} tabIndex={-1} disableRipple />
          <Typography variant="body2" noWrap sx={{ flexGrow: 1, minWidth: 0 }}>
            {formatValue(option)}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {countOf(option)}
          </Typography>
        </Box>
      )}
      renderInput={(params) => <TextField {...params} label={label} placeholder={chosen.length === 0 ? 'Any' : undefined} />}
      slotProps={{ chip: { size: 'small' } }}
    />
  );
}
