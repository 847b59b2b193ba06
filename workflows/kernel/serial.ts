/** Handlers of one case run one at a time, so an Update never sees another half done. */
export interface Serializer {
  <T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has run. */
  idle(): Promise<unknown>;
}

export function createSerializer(): Serializer {
  let lock: Promise<unknown> = Promise.resolve();
  const serially = (<T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  }) as Serializer;
  serially.idle = () => lock;
  return serially;
}
