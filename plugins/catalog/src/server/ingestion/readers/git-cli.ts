import { spawn } from 'node:child_process';

export interface GitRunOptions {
  cwd?: string;
  /** Extra environment, e.g. GIT_CONFIG_* entries carrying an auth header (never on the command line). */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Protocols git may use (GIT_ALLOW_PROTOCOL), e.g. `https:http`. */
  allowProtocols: string;
  /** Fail when stdout grows past this many bytes. */
  maxOutputBytes?: number;
  /** Folder used as HOME, so no user or system git config applies. */
  home: string;
}

export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/**
 * Runs the git CLI with an argument list (never a shell string), no prompts, no user or system
 * config, only the allowed protocols, and a timeout. Resolves with stdout as a Buffer.
 */
export function runGit(args: string[], options: GitRunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: options.home,
        LANG: 'C',
        LC_ALL: 'C',
        GIT_TERMINAL_PROMPT: '0',
        GIT_ASKPASS: '',
        SSH_ASKPASS: '',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_ALLOW_PROTOCOL: options.allowProtocols,
        ...options.env,
      },
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let settled = false;
    const finish = (error: Error | undefined, value?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value ?? Buffer.alloc(0));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new GitCommandError(`git ${args[0]} took longer than ${Math.round(options.timeoutMs / 1000)} s`, err, null));
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.byteLength;
      if (options.maxOutputBytes !== undefined && outBytes > options.maxOutputBytes) {
        child.kill('SIGKILL');
        finish(new GitCommandError(`git ${args[0]} printed more than ${options.maxOutputBytes} bytes`, err, null));
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 8192) err += chunk.toString('utf8');
    });
    child.on('error', (error) => finish(new GitCommandError(`Could not run git: ${error.message}`, err, null)));
    child.on('close', (code) => {
      if (code === 0) finish(undefined, Buffer.concat(out));
      else finish(new GitCommandError(`git ${args[0]} failed: ${lastLine(err) || `exit code ${code}`}`, err, code));
    });
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? '';
}
