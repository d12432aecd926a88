// Starts the built portal for the browser tests on the given port with a fresh SQLite file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.argv[2] ?? '7017';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-'));
const child = spawn(
  process.execPath,
  ['packages/server/dist/cli/main.js', 'start', '--config', 'portico.yaml', '--config', 'e2e/portico.e2e.yaml'],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      PORTICO_CONFIG_backend_listen_port: port,
      PORTICO_CONFIG_backend_listen_host: '127.0.0.1',
      PORTICO_CONFIG_backend_database_connection_filename: path.join(dir, 'e2e.sqlite'),
    },
  },
);
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
