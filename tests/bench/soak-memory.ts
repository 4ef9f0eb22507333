/**
 * Whether a process's memory keeps growing over a soak. RSS goes up and down with garbage
 * collection, so the test looks at its floor: the lowest sample of the second half of the run
 * (after the warm-up) against the lowest of the first half. A process that only holds what it
 * needs has the same floor in both; one that leaks raises it.
 */

export interface MemoryVerdict {
  growing: boolean;
  firstFloorMb: number;
  secondFloorMb: number;
}

/** Growth of the floor that counts as a leak: both relative and absolute, so a small process's noise does not. */
export const FLOOR_GROWTH_FRACTION = 0.1;
export const FLOOR_GROWTH_MB = 16;

/** `samplesMb` are RSS samples in time order; the first `warmupSamples` are left out. */
export function memoryVerdict(samplesMb: number[], warmupSamples: number): MemoryVerdict {
  const steady = samplesMb.slice(warmupSamples);
  if (steady.length < 4) throw new Error(`too few memory samples after the warm-up (${steady.length}) to tell a trend`);
  const half = Math.floor(steady.length / 2);
  const firstFloorMb = Math.min(...steady.slice(0, half));
  const secondFloorMb = Math.min(...steady.slice(half));
  const growth = secondFloorMb - firstFloorMb;
  return { growing: growth > FLOOR_GROWTH_MB && growth > firstFloorMb * FLOOR_GROWTH_FRACTION, firstFloorMb, secondFloorMb };
}
