import { startPortico } from '@portico/web';
import { builtInPlugins } from './plugins.js';

startPortico({ plugins: builtInPlugins }).catch((error: unknown) => {
  console.error('Portico failed to start', error);
  const root = document.getElementById('root');
  if (root !== null) root.textContent = 'Portico failed to start. The browser console has the details.';
});
