// `npm start`: builds what is missing or out of date, then starts the portal with the given args.
// tsc -b is incremental (a no-op when nothing changed); the web app is rebuilt only when a web
// source is newer than the built index.html, so a second start takes a second, not a rebuild.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const newest = (target) => {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    max = Math.max(max, newest(path.join(target, entry)));
  }
  return max;
};

const webSources = () => {
  const dirs = ['packages/web/src', 'packages/app/src', 'packages/app/index.html', 'packages/app/vite.config.ts', 'packages/model/src'];
  for (const parent of ['plugins', 'examples']) {
    const base = path.join(root, parent);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) dirs.push(path.join(parent, name, 'src', 'web'));
  }
  return Math.max(...dirs.map((dir) => newest(path.join(root, dir))));
};

run('npx', ['tsc', '-b', 'tsconfig.build.json']);
const builtApp = path.join(root, 'packages/app/dist/index.html');
if (!fs.existsSync(builtApp) || newest(builtApp) < webSources()) {
  run('npm', ['run', 'build:web']);
}

const child = spawn(process.execPath, ['packages/server/dist/cli/main.js', 'start', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
