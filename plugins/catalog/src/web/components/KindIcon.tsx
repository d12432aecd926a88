import ApiOutlinedIcon from '@mui/icons-material/ApiOutlined';
import AccountTreeOutlinedIcon from '@mui/icons-material/AccountTreeOutlined';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import DnsOutlinedIcon from '@mui/icons-material/DnsOutlined';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import LanguageOutlinedIcon from '@mui/icons-material/LanguageOutlined';
import LibraryBooksOutlinedIcon from '@mui/icons-material/LibraryBooksOutlined';
import PersonOutlineOutlinedIcon from '@mui/icons-material/PersonOutlineOutlined';
import PlaceOutlinedIcon from '@mui/icons-material/PlaceOutlined';
import StorageOutlinedIcon from '@mui/icons-material/StorageOutlined';
import WidgetsOutlinedIcon from '@mui/icons-material/WidgetsOutlined';
import AutoAwesomeOutlinedIcon from '@mui/icons-material/AutoAwesomeOutlined';
import type { SvgIconProps } from '@mui/material';
import type { ComponentType } from 'react';

const ICONS: Readonly<Record<string, ComponentType<SvgIconProps>>> = {
  component: WidgetsOutlinedIcon,
  api: ApiOutlinedIcon,
  resource: StorageOutlinedIcon,
  system: AccountTreeOutlinedIcon,
  domain: LanguageOutlinedIcon,
  group: GroupsOutlinedIcon,
  user: PersonOutlineOutlinedIcon,
  location: PlaceOutlinedIcon,
  template: AutoAwesomeOutlinedIcon,
  website: LanguageOutlinedIcon,
  library: LibraryBooksOutlinedIcon,
  service: DnsOutlinedIcon,
};

/** The icon for an entity kind (decorative: the kind is always written beside it). */
export function KindIcon({ kind, ...props }: { kind: string } & SvgIconProps) {
  const Icon = ICONS[kind.toLocaleLowerCase('en-US')] ?? CategoryOutlinedIcon;
  return <Icon aria-hidden {...props} />;
}
