import { memoryVerdict } from '../bench/soak-memory';

describe('the soak memory verdict', () => {
  const sawtooth = (base: number, rise: number, count: number) => Array.from({ length: count }, (_, i) => base + (i % 6) * 12 + i * rise);

  it('does not call a process that collects back to the same floor growing', () => {
    const verdict = memoryVerdict([40, 80, ...sawtooth(150, 0, 60)], 2);
    expect(verdict).toEqual({ growing: false, firstFloorMb: 150, secondFloorMb: 150 });
  });

  it('calls a rising floor growing, however high the peaks of the first half were', () => {
    const verdict = memoryVerdict([...sawtooth(150, 1, 60)], 0);
    expect(verdict.growing).toBe(true);
    expect(verdict.secondFloorMb - verdict.firstFloorMb).toBe(30);
  });

  it('ignores growth below the absolute threshold', () => {
    expect(memoryVerdict([...sawtooth(100, 0.3, 60)], 0).growing).toBe(false);
  });

  it('refuses to judge from too few samples', () => {
    expect(() => memoryVerdict([100, 100, 100, 100], 2)).toThrow('too few memory samples');
  });
});
