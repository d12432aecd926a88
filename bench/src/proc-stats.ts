import fs from 'node:fs';
import { round1 } from './stats.js';

/** Memory and CPU of one process, from /proc (Linux), in the peer harness's units. */
export interface ProcessUsage {
  /** Peak resident set size so far. */
  vmhwm_mb: number;
  vmrss_mb: number;
  /** User + system CPU seconds since the process started. */
  cpu_s: number;
}

// getconf CLK_TCK: 100 on every Linux this runs on.
const TICKS_PER_SECOND = 100;

export function processUsage(pid: number): ProcessUsage | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    // Fields after the command name, which may itself contain spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { vmhwm_mb: round1(kilobytes('VmHWM') / 1024), vmrss_mb: round1(kilobytes('VmRSS') / 1024), cpu_s: round1(ticks / TICKS_PER_SECOND) };
  } catch {
    return null;
  }
}

interface SystemCpu {
  busy: number;
  softirq: number;
  steal: number;
}

function systemCpu(): SystemCpu {
  // cpu  user nice system idle iowait irq softirq steal ...
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const at = (index: number): number => ticks[index] ?? 0;
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: (total - at(3) - at(4)) / TICKS_PER_SECOND, softirq: at(6) / TICKS_PER_SECOND, steal: at(7) / TICKS_PER_SECOND };
}

/** CPU used during a phase: by the server, by this bench, and by everything else on the machine. */
export interface PhaseCpu {
  wall_s: number;
  backend_cpu_s: number;
  bench_cpu_s: number;
  /** Busy time not used by the server or the bench: a large value means the row was disturbed. */
  other_cpu_s: number;
  softirq_s: number;
  steal_s: number;
  loadavg: string;
}

/** Starts a phase; the returned function reports the CPU used since. `fromZero` counts the server's CPU since it started. */
export function startPhase(pid: number, fromZero = false): () => PhaseCpu {
  const started = performance.now();
  const system = systemCpu();
  const server = fromZero ? 0 : (processUsage(pid)?.cpu_s ?? 0);
  const bench = process.cpuUsage();
  return () => {
    const now = systemCpu();
    const serverUsed = (processUsage(pid)?.cpu_s ?? server) - server;
    const benchUsage = process.cpuUsage(bench);
    const benchUsed = (benchUsage.user + benchUsage.system) / 1e6;
    const softirq = now.softirq - system.softirq;
    const steal = now.steal - system.steal;
    return {
      wall_s: round1((performance.now() - started) / 1000),
      backend_cpu_s: round1(serverUsed),
      bench_cpu_s: round1(benchUsed),
      other_cpu_s: round1(Math.max(0, now.busy - system.busy - serverUsed - benchUsed - softirq - steal)),
      softirq_s: round1(softirq),
      steal_s: round1(steal),
      loadavg: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
  };
}
