// How the CPU half of ingest is shared between the two threads. The reading thread prepares the
// first `rows` of each batch and hands the rest over as read; the storing thread prepares those
// before it stores the batch. Which half is slower changes with the file (an .xlsx costs more to
// read than a .jsonl, a wide source more to prepare) and within it (the storing thread stalls in a
// checkpoint's sync), so the split is steered by the queue between the threads: at every hand-over
// the batches not yet stored are compared with a target depth. Deeper, and the storing thread is
// behind: the reading thread prepares more. Shallower, and it is catching up: it gets more rows to
// prepare. Held near the target, the queue neither runs dry (the storing thread idle) nor fills (the
// reading thread idle), and its slack absorbs a stall of either thread.

export class PrepareShare {
  private share: number;
  private readonly step: number;

  constructor(private readonly batchRows: number) {
    this.share = Math.round(batchRows / 2);
    this.step = Math.max(1, Math.round(batchRows / 16));
  }

  /** Rows of the next batch for the reading thread to prepare. */
  get rows(): number {
    return this.share;
  }

  /** A batch is handed over with `queued` batches still waiting to be stored. */
  handedOver(queued: number, target: number): void {
    if (queued > target) this.readerWaited();
    else if (queued < target) this.storerIdle();
  }

  /** The reading thread had to wait for the storing one: it prepares more. */
  readerWaited(): void {
    this.share = Math.min(this.batchRows, this.share + this.step);
  }

  /** The storing thread had nothing left to do: it gets more rows to prepare. */
  storerIdle(): void {
    this.share = Math.max(0, this.share - this.step);
  }
}
