/**
 * Pure pieces of wait-image: the timeline of states and workflow steps, progress lines, the summary
 * table, the Mermaid gantt chart and the failure diagnosis.
 */
export interface StepInfo {
  /** `BUILD`, `TEST`, `DISTRIBUTION`. */
  workflow: string;
  name: string;
  status: string;
  message?: string;
  startMs?: number;
  endMs?: number;
}

export interface TimelineEntry {
  kind: 'state' | 'step';
  name: string;
  status: string;
  startMs: number;
  endMs?: number;
  message?: string;
}

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Records state and step changes; `observe` returns the progress lines for what changed. */
export class Timeline {
  readonly entries: TimelineEntry[] = [];
  private state?: TimelineEntry;
  private readonly steps = new Map<string, TimelineEntry>();

  constructor(private readonly originMs: number) {}

  observe(nowMs: number, status: string, steps: readonly StepInfo[] = []): string[] {
    const lines: string[] = [];
    const at = `[${formatElapsed(nowMs - this.originMs)}]`;
    if (this.state?.name !== status) {
      if (this.state) this.state.endMs = nowMs;
      this.state = { kind: 'state', name: status, status, startMs: nowMs };
      this.entries.push(this.state);
      lines.push(`${at} ${status}`);
    }
    for (const s of steps) {
      const key = `${s.workflow}/${s.name}`;
      const known = this.steps.get(key);
      if (known?.status === s.status) continue;
      if (!known) {
        const e: TimelineEntry = {
          kind: 'step',
          name: key,
          status: s.status,
          startMs: s.startMs ?? nowMs,
          message: s.message,
        };
        this.steps.set(key, e);
        this.entries.push(e);
      } else {
        known.status = s.status;
        known.message = s.message ?? known.message;
      }
      const e = this.steps.get(key)!;
      if (isStepDone(s.status)) e.endMs = s.endMs ?? nowMs;
      lines.push(
        `${at} step ${key}: ${s.status}${s.message && s.status === 'FAILED' ? ` — ${s.message}` : ''}`,
      );
    }
    return lines;
  }

  /** Closes the open state at the end of the wait. */
  close(nowMs: number): void {
    if (this.state && this.state.endMs === undefined) this.state.endMs = nowMs;
  }
}

function isStepDone(status: string): boolean {
  return ['COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED'].includes(status);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown table: kind, name, status, start (elapsed), duration. */
export function renderTimelineTable(entries: readonly TimelineEntry[], originMs: number): string {
  const rows = entries.map((e) => {
    const duration = e.endMs !== undefined ? formatElapsed(e.endMs - e.startMs) : '…';
    const what = e.kind === 'state' ? `**${e.name}**` : escapeCell(e.name);
    return `| ${e.kind} | ${what} | ${e.status} | +${formatElapsed(e.startMs - originMs)} | ${duration} |`;
  });
  return ['| | state / step | status | start | duration |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

/** Mermaid gantt (GitHub renders it): one section for states, one for steps; times in epoch ms. */
export function renderGantt(
  title: string,
  entries: readonly TimelineEntry[],
  nowMs: number,
): string {
  const clean = (s: string) => s.replace(/[:#;]/g, ' ').trim() || 'unnamed';
  const line = (e: TimelineEntry) => {
    const tag =
      e.status === 'FAILED'
        ? 'crit, '
        : isStepDone(e.status) || e.kind === 'state'
          ? 'done, '
          : 'active, ';
    const end = Math.max(e.endMs ?? nowMs, e.startMs + 1000);
    return `    ${clean(e.name)} :${tag}${Math.round(e.startMs)}, ${Math.round(end)}`;
  };
  const states = entries.filter((e) => e.kind === 'state');
  const steps = entries.filter((e) => e.kind === 'step');
  return [
    '```mermaid',
    'gantt',
    `    title ${clean(title)}`,
    '    dateFormat x',
    '    axisFormat %H:%M',
    ...(states.length ? ['    section State', ...states.map(line)] : []),
    ...(steps.length ? ['    section Workflow steps', ...steps.map(line)] : []),
    '```',
  ].join('\n');
}

export function consoleLink(region: string, imageArn: string): string {
  return `https://${region}.console.aws.amazon.com/imagebuilder/home?region=${region}#/images/${encodeURIComponent(imageArn)}`;
}

export function logGroupOf(imageName: string): string {
  return `/aws/imagebuilder/${imageName}`;
}

/** The FAILED explanation: reason, failed step and its message, log group, console link. */
export function diagnoseFailure(opts: {
  region: string;
  imageArn: string;
  imageName: string;
  reason?: string;
  steps: readonly StepInfo[];
}): string {
  const failed = opts.steps.filter((s) => s.status === 'FAILED');
  const lines = [
    `Image build FAILED: ${opts.imageArn}`,
    `Reason: ${opts.reason?.trim() || '(Image Builder gave no reason)'}`,
    ...(failed.length
      ? failed.map(
          (s) => `Failed step: ${s.workflow} / ${s.name}${s.message ? `: ${s.message}` : ''}`,
        )
      : ['Failed step: none reported by the workflow executions']),
    `Logs: CloudWatch log group ${logGroupOf(opts.imageName)} (one stream per build version)`,
    `Console: ${consoleLink(opts.region, opts.imageArn)}`,
  ];
  return lines.join('\n');
}

/** `: <reason>` without its final full stops (the sentence adds one), or nothing. */
function cancelReason(reason: string | undefined): string {
  const text = reason?.trim().replace(/\.+$/, '');
  return text ? `: ${text}` : '';
}

/**
 * What a build that ended in `status` tells the user: the FAILED diagnosis, the CANCELLED reason,
 * or nothing (AVAILABLE, and the other terminal states, which the caller reports by their name).
 */
export function endDiagnosis(opts: {
  status: string;
  region: string;
  imageArn: string;
  imageName?: string;
  reason?: string;
  steps: readonly StepInfo[];
}): string | undefined {
  if (opts.status === 'FAILED')
    return diagnoseFailure({
      region: opts.region,
      imageArn: opts.imageArn,
      imageName: opts.imageName ?? opts.imageArn.split('/')[1] ?? '?',
      reason: opts.reason,
      steps: opts.steps,
    });
  if (opts.status === 'CANCELLED')
    return `Image build ${opts.imageArn} was CANCELLED${cancelReason(opts.reason)}.`;
  return undefined;
}
