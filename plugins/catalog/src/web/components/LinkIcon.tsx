import ChatOutlinedIcon from '@mui/icons-material/ChatOutlined';
import CodeRoundedIcon from '@mui/icons-material/CodeRounded';
import DashboardOutlinedIcon from '@mui/icons-material/DashboardOutlined';
import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import HelpOutlineRoundedIcon from '@mui/icons-material/HelpOutlineRounded';
import LanguageRoundedIcon from '@mui/icons-material/LanguageRounded';
import PersonOutlineRoundedIcon from '@mui/icons-material/PersonOutlineRounded';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import SearchRoundedIcon from '@mui/icons-material/SearchRounded';
import type { SvgIconProps } from '@mui/material';
import type { ComponentType } from 'react';

/** Backstage's link icon names (`metadata.links[].icon`) and a few common extras. */
const ICONS: Readonly<Record<string, ComponentType<SvgIconProps>>> = {
  dashboard: DashboardOutlinedIcon,
  chat: ChatOutlinedIcon,
  docs: DescriptionOutlinedIcon,
  techdocs: DescriptionOutlinedIcon,
  email: EmailOutlinedIcon,
  github: CodeRoundedIcon,
  code: CodeRoundedIcon,
  group: GroupsOutlinedIcon,
  help: HelpOutlineRoundedIcon,
  user: PersonOutlineRoundedIcon,
  warning: ReportProblemOutlinedIcon,
  search: SearchRoundedIcon,
};

export function LinkIcon({ name, ...props }: { name: string | undefined } & SvgIconProps) {
  const Icon = (name === undefined ? undefined : ICONS[name.toLocaleLowerCase('en-US')]) ?? LanguageRoundedIcon;
  return <Icon aria-hidden {...props} />;
}
