// Long work started from the console (a department file uploaded to ingest): a job id to poll for
// progress. Jobs live in the serving process; their results are in the store.

import { randomUUID } from 'node:crypto';

export interface Job {
  id: string;
  owner: string;
  status: 'running' | 'done' | 'failed';
  rows_read: number;
  accepted: number;
  quarantined: number;
  source: string;
  error: { code: string; message: string; message_zh: string } | null;
  started_at: string;
  finished_at: string | null;
}

export class JobBoard {
  private readonly jobs = new Map<string, Job>();

  start(owner: string, source: string, at: string): Job {
    // Keep the board small: finished jobs beyond the last 200 are forgotten.
    if (this.jobs.size > 200) {
      for (const [id, job] of this.jobs) if (job.status !== 'running' && this.jobs.size > 200) this.jobs.delete(id);
    }
    const job: Job = { id: randomUUID(), owner, status: 'running', rows_read: 0, accepted: 0, quarantined: 0, source, error: null, started_at: at, finished_at: null };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  async whenIdle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.status === 'running')) await new Promise((r) => setTimeout(r, 20));
  }
}
