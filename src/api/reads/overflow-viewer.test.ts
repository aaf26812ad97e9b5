// The overflow rule: views stay on the request thread through a burst, move to the pool step by
// step under a sustained load, and come back when the load is gone.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../access/policy.js';
import type { PersonViewer, ViewOutcome } from './person-view.js';
import { defaultOverflowTuning, nextOverflow, OverflowViewer, ShareRouter, type OverflowState } from './overflow-viewer.js';

const who: Principal = { username: 'clerk1', role: 'clerk', department: null, region: null, personId: null };

class CountingViewer implements PersonViewer {
  views = 0;
  closed = false;
  view(): Promise<ViewOutcome<Buffer>> {
    this.views += 1;
    return Promise.resolve({ found: false });
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function run(state: OverflowState, samples: readonly number[]): OverflowState {
  return samples.reduce((s, u) => nextOverflow(s, u, defaultOverflowTuning), state);
}

describe('nextOverflow', () => {
  const idle: OverflowState = { level: 0.45, share: 0 };

  it('keeps every view on the request thread through a burst shorter than a second', () => {
    // autocannon's "2,000 requests/s" arrives as bursts at full speed, then silence, every second.
    const second = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const after = run(idle, [...second, ...second, ...second]);
    expect(after.share).toBe(0);
    expect(after.level).toBeLessThan(defaultOverflowTuning.high);
  });

  it('sends views to the pool step by step under a sustained load, never more than all', () => {
    const busy = run(idle, Array.from({ length: 10 }, () => 1));
    expect(busy.share).toBeGreaterThan(0);
    expect(busy.share).toBeLessThan(1);
    expect(run(busy, Array.from({ length: 50 }, () => 1)).share).toBe(1);
  });

  it('takes views back once the load is gone, never below none', () => {
    const full: OverflowState = { level: 1, share: 1 };
    expect(run(full, Array.from({ length: 5 }, () => 0)).share).toBeLessThan(1);
    expect(run(full, Array.from({ length: 50 }, () => 0)).share).toBe(0);
  });

  it('holds the share while the level lies between the thresholds', () => {
    const middle = (defaultOverflowTuning.high + defaultOverflowTuning.low) / 2;
    expect(run({ level: middle, share: 0.3 }, [middle, middle, middle]).share).toBe(0.3);
  });
});

describe('ShareRouter', () => {
  it.each([0, 0.1, 0.3, 0.5, 0.7, 1])('sends exactly %s of the views to the pool, spread out', (share) => {
    const router = new ShareRouter();
    const picks = Array.from({ length: 1000 }, () => router.toPool(share));
    expect(picks.filter(Boolean).length).toBe(Math.round(share * 1000));
    // Spread: no window of ten strays from the share by more than one view.
    for (let i = 0; i + 10 <= picks.length; i += 10) {
      expect(Math.abs(picks.slice(i, i + 10).filter(Boolean).length - share * 10)).toBeLessThanOrEqual(1);
    }
  });
});

describe('OverflowViewer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads on the request thread until a sustained load moves views to the pool, and back after', async () => {
    const local = new CountingViewer();
    const pool = new CountingViewer();
    let utilization = 0;
    const viewer = new OverflowViewer(local, pool, defaultOverflowTuning, () => utilization);
    const views = async (n: number) => {
      for (let i = 0; i < n; i++) await viewer.view('P-1', who, '2026-11-29');
    };

    await views(100);
    expect([local.views, pool.views]).toEqual([100, 0]);

    utilization = 1;
    vi.advanceTimersByTime(3000);
    expect(viewer.poolShare).toBe(1);
    await views(100);
    expect(pool.views).toBe(100);

    utilization = 0;
    vi.advanceTimersByTime(5000);
    expect(viewer.poolShare).toBe(0);
    await views(100);
    expect([local.views, pool.views]).toEqual([200, 100]);

    await viewer.close();
    expect([local.closed, pool.closed]).toEqual([true, true]);
    // No timer left behind.
    expect(vi.getTimerCount()).toBe(0);
  });
});
