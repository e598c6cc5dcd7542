/**
 * GitHub's concurrency groups for the demo's workflow runner (docs: "Control the concurrency of
 * workflows and jobs", cancel-in-progress false).
 */
import { interpolate, type Contexts } from './expressions.js';
import { WorkflowRunError, type Job } from './workflow-types.js';

/**
 * GitHub's concurrency groups across the runs that share this object: in a group at most one job
 * runs and one waits; a job that arrives while another waits cancels the waiting one.
 */
export class ConcurrencyGroups {
  private groups = new Map<string, { busy: boolean; waiting?: (admitted: boolean) => void }>();

  /** Resolves true when the job may run, false when a newer job cancelled it while it waited. */
  enter(key: string): Promise<boolean> {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { busy: false }));
    if (!g.busy) {
      g.busy = true;
      return Promise.resolve(true);
    }
    g.waiting?.(false);
    return new Promise((resolve) => (g.waiting = resolve));
  }

  leave(key: string): void {
    const g = this.groups.get(key);
    if (!g) return;
    const next = g.waiting;
    g.waiting = undefined;
    if (next) next(true);
    else g.busy = false;
  }
}

/** The group a job leg belongs to, if any; cancel-in-progress: true is not modelled (an error). */
export function concurrencyKey(job: Job, ctx: Contexts): string | undefined {
  if (job.concurrency === undefined) return undefined;
  const spec = typeof job.concurrency === 'string' ? { group: job.concurrency } : job.concurrency;
  const cancel = spec['cancel-in-progress'];
  if (cancel !== undefined && cancel !== false && String(cancel) !== 'false') {
    throw new WorkflowRunError(
      'concurrency with cancel-in-progress: true is not modelled by the demo runner',
    );
  }
  return interpolate(String(spec.group ?? ''), ctx);
}
