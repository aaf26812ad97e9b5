import { describe, expect, it } from 'vitest';
import { PrepareShare } from './prepare-share.js';

describe('PrepareShare', () => {
  it('starts with half of a batch prepared by the reading thread', () => {
    expect(new PrepareShare(1000).rows).toBe(500);
  });

  it('moves towards the thread that waited, within the batch', () => {
    const share = new PrepareShare(1000);
    share.readerWaited();
    expect(share.rows).toBeGreaterThan(500);
    for (let i = 0; i < 100; i += 1) share.readerWaited();
    expect(share.rows).toBe(1000);
    for (let i = 0; i < 100; i += 1) share.storerIdle();
    expect(share.rows).toBe(0);
  });

  it('settles where the threads take turns waiting', () => {
    const share = new PrepareShare(1000);
    const seen = new Set<number>();
    for (let i = 0; i < 50; i += 1) {
      share.readerWaited();
      share.storerIdle();
      seen.add(share.rows);
    }
    expect([...seen]).toEqual([500]);
  });

  it('moves at least one row a step for tiny batches', () => {
    const share = new PrepareShare(3);
    share.storerIdle();
    expect(share.rows).toBeLessThan(2);
  });

  it('is steered by the queue at each hand-over: deeper than the target, the reader prepares more; shallower, less; at it, no change', () => {
    const share = new PrepareShare(1000);
    share.handedOver(4, 4);
    expect(share.rows).toBe(500);
    share.handedOver(7, 4);
    expect(share.rows).toBeGreaterThan(500);
    const deeper = share.rows;
    share.handedOver(0, 4);
    share.handedOver(3, 4);
    expect(share.rows).toBeLessThan(deeper);
    expect(share.rows).toBeLessThan(500);
  });
});
