// How the CPU half of ingest is shared between the two threads. The reading thread prepares the
// first `rows` of each batch and hands the rest over as read; the storing thread prepares those
// before it stores the batch. Which half is slower changes with the file (an .xlsx costs more to
// read than a .jsonl, a wide source more to prepare), so the split moves a step at a time towards
// whichever thread waited last, and settles where neither waits.

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

  /** The reading thread had to wait for the storing one: it prepares more. */
  readerWaited(): void {
    this.share = Math.min(this.batchRows, this.share + this.step);
  }

  /** The storing thread had nothing left to do: it gets more rows to prepare. */
  storerIdle(): void {
    this.share = Math.max(0, this.share - this.step);
  }
}
