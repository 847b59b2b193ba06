/**
 * Fault injection for the crash tests: `YONGSHU_FAILPOINTS=decision:after-update`
 * makes this process die (SIGKILL, as a power cut would) when it reaches that
 * point. Ignored in production, and a no-op unless the variable names the point.
 */
const armed = new Set(
  process.env.NODE_ENV === 'production'
    ? []
    : (process.env.YONGSHU_FAILPOINTS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
);

export type Failpoint = 'decision:before-update' | 'decision:after-update' | 'file:before-start';

export function failpoint(name: Failpoint): void {
  if (!armed.has(name)) return;
  console.error(`[failpoint] ${name}: killing this process`);
  process.kill(process.pid, 'SIGKILL');
}
