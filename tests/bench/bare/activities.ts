/** The bare baseline's activity: a no-op, so the baseline measures Temporal alone. */
export const bareActivities = {
  async bareStep(n: number): Promise<number> {
    return n;
  },
};

export type BareActivities = typeof bareActivities;
