/**
 * The job graph of a workflow, pure: the order `needs:` imposes, the `needs` context a job sees,
 * and the matrix legs a job expands to.
 */
import { evaluate, type Contexts } from './expressions.js';
import { WorkflowRunError, type Job, type JobResult, type Json } from './workflow-types.js';

/** Jobs in an order where every job comes after the jobs it needs. */
export function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, from?: string) => {
    if (!jobs[name])
      throw new WorkflowRunError(
        `job '${from}' needs '${name}', which is not a job of this workflow`,
      );
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new WorkflowRunError(`jobs need each other in a cycle through '${name}'`);
    state.set(name, 'visiting');
    for (const n of needsOf(jobs[name]!)) visit(n, name);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name);
  return order;
}

export function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** The `needs` context of a job (its needed jobs' results and outputs), and whether all succeeded. */
export function needsContext(
  job: Job,
  done: Record<string, JobResult>,
): { needs: Record<string, Json>; allSucceeded: boolean } {
  const needs: Record<string, Json> = {};
  for (const n of needsOf(job)) needs[n] = { result: done[n]!.result, outputs: done[n]!.outputs };
  return { needs, allSucceeded: needsOf(job).every((n) => done[n]!.result === 'success') };
}

/** Matrix legs: a `${{ fromJSON(...) }}` or a mapping, with `include` entries and/or axes. */
export function expandMatrix(matrix: unknown, contexts: Contexts): Record<string, Json>[] {
  if (matrix === undefined) return [{}];
  const value =
    typeof matrix === 'string'
      ? evaluate(matrix.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim(), contexts)
      : (matrix as Json);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new WorkflowRunError(`strategy.matrix is not a mapping: ${JSON.stringify(value)}`);
  const { include, exclude, ...axes } = value as Record<string, Json>;
  if (exclude !== undefined)
    throw new WorkflowRunError('strategy.matrix.exclude is not supported by the demo runner');
  let legs: Record<string, Json>[] = [{}];
  for (const [axis, values] of Object.entries(axes)) {
    if (!Array.isArray(values)) throw new WorkflowRunError(`matrix axis '${axis}' is not a list`);
    legs = legs.flatMap((leg) => values.map((v) => ({ ...leg, [axis]: v })));
  }
  const includes = Array.isArray(include) ? (include as Record<string, Json>[]) : [];
  if (Object.keys(axes).length === 0) return includes;
  return [...legs, ...includes];
}

/** A leg's name in reports: its matrix as JSON ('' for a job without one). */
export function legName(matrix: Record<string, Json>): string {
  return Object.keys(matrix).length ? JSON.stringify(matrix) : '';
}

/** The log line that opens a leg: the job, and which leg (its target or image) when there are several. */
export function legHeading(jobName: string, matrix: Record<string, Json>, legs: number): string {
  const leg = legName(matrix);
  return `── job ${jobName}${legs > 1 || leg ? ` (${matrix.target ?? matrix.image ?? leg})` : ''}`;
}
