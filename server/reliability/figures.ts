/** Percentile of a list of durations (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Counts of each value, e.g. responses by status. */
export function tally(values: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** Prints the figures a test measured, in one block docs/reliability.md can quote. */
export function report(title: string, figures: Record<string, unknown>): void {
  process.stdout.write(`\n[reliability] ${title}\n${JSON.stringify(figures, null, 2)}\n`);
}
