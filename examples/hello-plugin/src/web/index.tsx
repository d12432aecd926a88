import WavingHandOutlinedIcon from '@mui/icons-material/WavingHandOutlined';
import { defineWebPlugin } from '@portico/web';

/**
 * The hello plugin's web part. Built on its own into dist/web/index.js and imported by the
 * portal at run time; React, MUI, the router, TanStack Query and @portico/web come from the
 * portal through its import map, so this module stays a few kilobytes.
 */
export default defineWebPlugin({
  id: 'hello',
  routes: [{ path: '/hello', title: 'Hello', page: () => import('./HelloPage.js') }],
  nav: [{ label: 'Hello', to: '/hello', icon: WavingHandOutlinedIcon }],
});
