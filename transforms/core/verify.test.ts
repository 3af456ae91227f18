import { describe, expect, it } from 'vitest';
import { searchUnits, type Probe } from './verify.js';

/** A deterministic suite: a set fails when it holds a bad unit. Records every probe. */
function suite(bad: number[]) {
  const calls: string[] = [];
  const probe: Probe = async (set, blaming) => {
    calls.push(`${set.join(',') || '-'}${blaming === undefined ? '' : ` (blaming ${blaming})`}`);
    return !set.some((u) => bad.includes(u));
  };
  return { calls, probe };
}

const bound = (k: number, n: number) => 2 * k * Math.log2(n) + 2;

describe('searchUnits (binary splitting over migration units)', () => {
  it('one run when every unit passes', async () => {
    const { calls, probe } = suite([]);
    expect(await searchUnits(8, probe)).toEqual({ kept: [0, 1, 2, 3, 4, 5, 6, 7], backedOut: [], undecided: [] });
    expect(calls).toEqual(['0,1,2,3,4,5,6,7']);
  });

  it('one bad unit of 8: halves until it is alone, then a last check before blaming it', async () => {
    const { calls, probe } = suite([5]);
    expect(await searchUnits(8, probe)).toEqual({ kept: [0, 1, 2, 3, 4, 6, 7], backedOut: [5], undecided: [] });
    expect(calls).toEqual(['0,1,2,3,4,5,6,7', '0,1,2,3', '0,1,2,3,4,5', '0,1,2,3,4', '0,1,2,3,4,5 (blaming 5)', '0,1,2,3,4,6,7']);
    expect(calls.length).toBeLessThanOrEqual(bound(1, 8));
  });

  it('two bad units of 8 (1 and 6)', async () => {
    const { calls, probe } = suite([1, 6]);
    expect(await searchUnits(8, probe)).toEqual({ kept: [0, 2, 3, 4, 5, 7], backedOut: [1, 6], undecided: [] });
    expect(calls.length).toBeLessThanOrEqual(bound(2, 8));
    expect(calls).toEqual([
      '0,1,2,3,4,5,6,7',
      '0,1,2,3',
      '0,1',
      '0',
      '0,1 (blaming 1)',
      '0,2,3',
      '0,2,3,4,5,6,7',
      '0,2,3,4,5',
      '0,2,3,4,5,6',
      '0,2,3,4,5,6 (blaming 6)',
      '0,2,3,4,5,7',
    ]);
  });

  it('every unit bad', async () => {
    const { calls, probe } = suite([0, 1, 2, 3]);
    expect(await searchUnits(4, probe)).toEqual({ kept: [], backedOut: [0, 1, 2, 3], undecided: [] });
    expect(calls.length).toBeLessThanOrEqual(bound(4, 4));
  });

  it('a single unit that fails is blamed after one more run of the same set', async () => {
    const { calls, probe } = suite([0]);
    expect(await searchUnits(1, probe)).toEqual({ kept: [], backedOut: [0], undecided: [] });
    expect(calls).toEqual(['0', '0 (blaming 0)']);
  });

  it('a flaky failure is not blamed: the unit whose last check passes is kept', async () => {
    let first = true;
    const calls: string[] = [];
    const probe: Probe = async (set, blaming) => {
      calls.push(`${set.join(',')}${blaming === undefined ? '' : ` (blaming ${blaming})`}`);
      if (set.includes(2) && first) {
        first = false;
        return false;
      }
      return true;
    };
    expect(await searchUnits(4, probe)).toEqual({ kept: [0, 1, 2, 3], backedOut: [], undecided: [] });
    // The first full run fails by chance; the halves pass, and the last unit's check passes too.
    expect(calls).toEqual(['0,1,2,3', '0,1', '0,1,2', '0,1,2,3 (blaming 3)']);
  });

  it('the budget: units not decided when it runs out are reported undecided, only a set that passed is kept', async () => {
    const { probe } = suite([3]);
    let left = 2;
    const limited: Probe = async (set, blaming) => (left-- > 0 ? probe(set, blaming) : 'budget');
    // Runs: all (fails), 0-3 (fails), then the budget is gone.
    expect(await searchUnits(8, limited)).toEqual({ kept: [], backedOut: [], undecided: [0, 1, 2, 3, 4, 5, 6, 7] });
  });

  it('nothing to search', async () => {
    const { calls, probe } = suite([]);
    expect(await searchUnits(0, probe)).toEqual({ kept: [], backedOut: [], undecided: [] });
    expect(calls).toEqual([]);
  });
});
