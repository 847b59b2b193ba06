/** Retry an async start-up step (a server that is still coming up). */
export async function retry<T>(fn: () => Promise<T>, opts: { attempts: number; delayMs: number; what: string }): Promise<T> {
  let last: unknown;
  for (let i = 1; i <= opts.attempts; i++) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, opts.delayMs));
    }
  }
  throw new Error(`${opts.what} did not answer after ${opts.attempts} attempts: ${(last as Error)?.message ?? last}`);
}
