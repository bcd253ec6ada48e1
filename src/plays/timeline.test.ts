import { describe, expect, it } from 'vitest';
import { lastTimedUpTo } from './timeline';

const records = [
  { id: 'a', kind: 'x' },
  { id: 'b', kind: 'y' },
  { id: 'c', kind: 'x' },
  { id: 'd', kind: 'x' },
];
const times = [10, 20, 30, 40];

describe('lastTimedUpTo', () => {
  it('finds the latest matching record at or before now, with its time', () => {
    expect(lastTimedUpTo(records, times, 35, (r) => r.kind === 'x')).toEqual({ record: records[2], at: 30 });
    expect(lastTimedUpTo(records, times, 40, (r) => r.kind === 'x')).toEqual({ record: records[3], at: 40 });
  });

  it('skips matches after now', () => {
    expect(lastTimedUpTo(records, times, 29, (r) => r.kind === 'x')).toEqual({ record: records[0], at: 10 });
  });

  it('returns the record itself, not a copy', () => {
    expect(lastTimedUpTo(records, times, 99, (r) => r.kind === 'y')?.record).toBe(records[1]);
  });

  it('answers undefined when nothing matches by now', () => {
    expect(lastTimedUpTo(records, times, 9, () => true)).toBeUndefined();
    expect(lastTimedUpTo(records, times, 99, (r) => r.kind === 'z')).toBeUndefined();
    expect(lastTimedUpTo([], [], 99, () => true)).toBeUndefined();
  });
});
