/**
 * CPU time of whole process groups, read from /proc (Linux): the bench's
 * children each lead a group (scripts/lib/processes.ts), and a group holds the
 * process tsx starts as well as tsx itself. Where the CPU goes decides the
 * lifecycle ratio once the machine's cores are busy (issue #11).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | undefined;
/** The kernel's clock ticks per second (100 on every Linux we run on, where `getconf` is missing). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU milliseconds (user + system) used so far by every live process in each group; null where /proc cannot be read. */
export function groupCpuMs(groups: readonly number[]): number[] | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const ticks = new Map<number, number>(groups.map((g) => [g, 0]));
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Fields after "(comm)": state ppid pgrp … utime(14th) stime(15th) counted from pid.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const group = Number(f[2]);
    if (ticks.has(group)) ticks.set(group, ticks.get(group)! + Number(f[11]) + Number(f[12]));
  }
  return groups.map((g) => (ticks.get(g)! * 1000) / clockTicks());
}

/** The CPU a piece of work cost in each named group and in this process. */
export function cpuMeter(groups: Record<string, number | undefined>) {
  const named = Object.entries(groups).filter((e): e is [string, number] => e[1] !== undefined);
  return async <T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: Record<string, number> | null }> => {
    const before = groupCpuMs(named.map(([, g]) => g));
    const self = process.cpuUsage();
    const result = await work();
    const selfUsed = process.cpuUsage(self);
    const after = groupCpuMs(named.map(([, g]) => g));
    if (!before || !after) return { result, cpuMs: null };
    const cpuMs: Record<string, number> = Object.fromEntries(named.map(([name], i) => [name, after[i]! - before[i]!]));
    cpuMs.client = (selfUsed.user + selfUsed.system) / 1000;
    return { result, cpuMs };
  };
}
