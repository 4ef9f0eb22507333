/** The value at `fraction` (0.5 for the median, 0.99 for p99) of ascending-sorted figures; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] as number;
}
