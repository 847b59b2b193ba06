/**
 * A `Server-Timing` header (W3C) of a request's stages: durations only, in
 * milliseconds, named by the code — what `npm run bench`'s trace reads to say
 * where a decision's time goes. It names stages, never data.
 */
export function serverTiming() {
  let last = performance.now();
  const stages: string[] = [];
  return {
    mark(stage: string) {
      const at = performance.now();
      stages.push(`${stage};dur=${(at - last).toFixed(1)}`);
      last = at;
    },
    header: () => stages.join(', '),
  };
}
