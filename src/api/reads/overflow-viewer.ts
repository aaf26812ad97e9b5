// Person views on the request thread while it keeps up, in the read pool when it does not.
//
// A view read on the request thread is the cheapest there is: its store handle is the one that
// writes the audit log, so its page cache stays valid across audit commits, and the view needs no
// hand-off between threads. A pool thread's handle loses its page cache on every commit, its reply
// crosses threads twice, and its thread competes with the request thread for the cores: on two
// cores, 1M persons, 2,000 views/s, p99 was 14–17 ms on the request thread alone and 21–26 ms
// with every view in a pool of two (docs/BENCHMARKS.md). The request thread alone saturates first,
// though. So the pool takes the overflow of a sustained load, not of a burst: every `intervalMs`
// the request thread's event-loop utilisation is smoothed (about a second's memory), and the share
// of views sent to the pool goes up a step while that level is above `high`, down one below `low`.

import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Principal } from '../../access/policy.js';
import type { PersonView } from '../../access/presenter.js';
import type { PersonViewer, ViewOutcome } from './person-view.js';

export interface OverflowTuning {
  /** Smoothed utilisation above which more views go to the pool. */
  high: number;
  /** Smoothed utilisation below which fewer views go to the pool. */
  low: number;
  /** Change of the pool's share per interval. */
  step: number;
  /** Weight of the newest interval in the smoothed level (0–1). */
  weight: number;
  intervalMs: number;
}

export const defaultOverflowTuning: OverflowTuning = { high: 0.85, low: 0.6, step: 0.1, weight: 0.2, intervalMs: 100 };

export interface OverflowState {
  /** The request thread's smoothed utilisation. */
  level: number;
  /** The share of views sent to the pool. */
  share: number;
}

/** The next state, from the state now and the request thread's utilisation over the last interval. */
export function nextOverflow(state: OverflowState, utilization: number, tuning: Omit<OverflowTuning, 'intervalMs'>): OverflowState {
  const level = state.level + tuning.weight * (utilization - state.level);
  if (level > tuning.high) return { level, share: Math.min(1, state.share + tuning.step) };
  if (level < tuning.low) return { level, share: Math.max(0, state.share - tuning.step) };
  return { level, share: state.share };
}

/**
 * Sends `share` of the calls to the pool, spread evenly (an error accumulator, not chance), so a
 * share of 0.3 sends exactly 3 views in 10 and tests and figures repeat.
 */
export class ShareRouter {
  private owed = 0;

  /** Whether this call goes to the pool, when the pool's share is `share` (0–1). */
  toPool(share: number): boolean {
    this.owed += share;
    if (this.owed >= 1 - 1e-9) {
      this.owed -= 1;
      return true;
    }
    return false;
  }
}

/** The request thread's event-loop utilisation since the previous call (0–1). */
export type UtilizationSampler = () => number;

export function eventLoopSampler(): UtilizationSampler {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    return since.utilization;
  };
}

export class OverflowViewer implements PersonViewer {
  private readonly router = new ShareRouter();
  private readonly timer: NodeJS.Timeout;
  private state: OverflowState = { level: 0, share: 0 };

  constructor(
    private readonly local: PersonViewer,
    private readonly pool: PersonViewer,
    tuning: OverflowTuning = defaultOverflowTuning,
    sample: UtilizationSampler = eventLoopSampler(),
  ) {
    this.timer = setInterval(() => {
      this.state = nextOverflow(this.state, sample(), tuning);
    }, tuning.intervalMs);
    this.timer.unref();
  }

  /** The share of views the pool takes now (for operators' tools and tests). */
  get poolShare(): number {
    return this.state.share;
  }

  view(personId: string, who: Principal, today: string): Promise<ViewOutcome<PersonView | Buffer>> {
    return (this.router.toPool(this.state.share) ? this.pool : this.local).view(personId, who, today);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.pool.close(), this.local.close()]);
  }
}
