/**
 * A small supervisor: starts child processes with prefixed logs; if one dies,
 * it says which and stops the others, so nothing is left half alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

export interface Supervisor {
  start(name: string, cmd: string, args: string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean }): Child;
  stopAll(): Promise<void>;
  /** Resolves when any child exits on its own (not by stopAll), with its name. */
  firstExit: Promise<{ name: string; code: number | null }>;
  /** Last resort, synchronous: SIGTERM to every child still running. */
  killAllNow(): void;
  /** The process id of the child started under `name` (it leads its own process group), if it runs. */
  pidOf(name: string): number | undefined;
}

export function createSupervisor(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Supervisor {
  const children: Child[] = [];
  let stopping = false;
  let onExit: (v: { name: string; code: number | null }) => void = () => undefined;
  const firstExit = new Promise<{ name: string; code: number | null }>((resolve) => (onExit = resolve));

  const pipe = (name: string, stream: NodeJS.ReadableStream | null) => {
    let buf = '';
    stream?.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        log(`[${name}] ${buf.slice(0, i)}`);
        buf = buf.slice(i + 1);
      }
    });
  };

  /** Signals a running child's whole process group; false when it has already gone. */
  const signal = (c: Child, sig: NodeJS.Signals): boolean => {
    if (c.proc.exitCode !== null || c.proc.pid === undefined) return false;
    try {
      process.kill(-c.proc.pid, sig);
      return true;
    } catch {
      return false; // exited meanwhile
    }
  };

  const killAllNow = () => {
    stopping = true;
    for (const c of children) signal(c, 'SIGTERM');
  };
  // Children run in their own process groups (so they stop in order); whatever
  // ends this process, they must not outlive it.
  process.once('exit', killAllNow);

  return {
    firstExit,
    killAllNow,
    pidOf: (name) => children.find((c) => c.name === name && c.proc.exitCode === null)?.proc.pid,
    start(name, cmd, args, opts = {}) {
      const proc = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      if (!opts.quiet) pipe(name, proc.stdout);
      pipe(name, proc.stderr);
      const exited = new Promise<number | null>((resolve) => {
        proc.on('exit', (code) => {
          if (!stopping) {
            log(`[supervisor] ${name} exited with code ${code}`);
            onExit({ name, code });
          }
          resolve(code);
        });
        proc.on('error', (e) => {
          log(`[supervisor] ${name} could not start: ${e.message}`);
          if (!stopping) onExit({ name, code: -1 });
          resolve(-1);
        });
      });
      const child = { name, proc, exited };
      children.push(child);
      return child;
    },
    async stopAll() {
      stopping = true;
      // Reverse order: web/API and worker before the Temporal server they use.
      for (const c of [...children].reverse()) {
        if (!signal(c, 'SIGTERM')) continue;
        const timer = setTimeout(() => signal(c, 'SIGKILL'), 5000);
        await c.exited;
        clearTimeout(timer);
      }
    },
  };
}

export async function waitFor(check: () => Promise<boolean>, opts: { timeoutMs: number; what: string; intervalMs?: number }): Promise<void> {
  const until = Date.now() + opts.timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
  throw new Error(`${opts.what} was not ready after ${Math.round(opts.timeoutMs / 1000)} s`);
}
