#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors.js';
import { configCheckCommand, migrateCommand, startCommand, type CommandOptions } from './commands.js';

const usage = `Usage: portico <command> [--config file]...

Commands:
  start          start the portal (default)
  migrate        bring the database schema up to date and exit
  config:check   print the merged configuration with secrets masked

Options:
  -c, --config   a config file; repeat to merge several in order
                 (default: app-config.yaml, portico.yaml and their .local variants in this folder)
  -h, --help     show this help`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string', short: 'c', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options: CommandOptions = {
    configFiles: values.config ?? [],
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
  };
  const command = positionals[0] ?? 'start';
  if (command === 'start') await startCommand(options);
  else if (command === 'migrate') await migrateCommand(options);
  else if (command === 'config:check') configCheckCommand(options);
  else throw new UsageError(`Unknown command '${command}'\n\n${usage}`);
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Config and usage mistakes are the user's to fix: show the message, not a stack trace.
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`portico: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`portico: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
