/**
 * The build state machine as pure functions of (image, now): PENDING → CREATING → BUILDING →
 * TESTING → DISTRIBUTING → INTEGRATING → AVAILABLE (TESTING left out when tests are disabled), or
 * FAILED (scripted: half-way through the failing workflow step or status, with `state.reason` and
 * the failed step's message), or CANCELLED. BUILDING and TESTING are made of their workflows' steps
 * (workflows.ts).
 * `advanceImages` applies the side effects when time has moved: the AMIs of distribution (one per
 * region of the distribution configuration, visible to EC2 in that region only), SSM parameters
 * of `ssmParameterConfigurations`, and the pipeline's last run status.
 */
import type { OpContext } from '../../types.js';
import { ibState, type AmiRec, type ImageRec } from './model.js';
import { registerImage } from '../ec2.js';
import { appendVersion } from '../ssm/params.js';
import { ssmState } from '../ssm/model.js';
import { WORKFLOWS, stepRuns, type StepDef, type WorkflowDef } from './workflows.js';

export const PHASES = [
  'PENDING',
  'CREATING',
  'BUILDING',
  'TESTING',
  'DISTRIBUTING',
  'INTEGRATING',
] as const;
const TERMINAL = ['AVAILABLE', 'FAILED', 'CANCELLED'];

/**
 * Real builds take tens of minutes; `timeScale` compresses these. CREATING is short: on AWS the
 * image leaves it in about a second and the build instance is launched by the BUILD workflow's
 * LaunchBuildInstance step, inside BUILDING (so an instance-launch failure surfaces in BUILDING).
 */
export const DEFAULT_DURATIONS: Record<string, number> = {
  PENDING: 5_000,
  CREATING: 1_000,
  BUILDING: 660_000,
  TESTING: 300_000,
  DISTRIBUTING: 120_000,
  INTEGRATING: 10_000,
};

export type SpanStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'SKIPPED';

/** One step of a workflow, or a whole status that runs no workflow. */
export interface PhaseSpan {
  phase: string;
  step?: StepDef;
  workflow?: WorkflowDef;
  start: number;
  end: number;
  status: SpanStatus;
}

export interface Snapshot {
  status: string;
  reason?: string;
  /** When the build reached its current terminal status. */
  endedAt?: number;
  spans: PhaseSpan[];
}

interface Segment {
  phase: string;
  step?: StepDef;
  workflow?: WorkflowDef;
  dur: number;
  skipped: boolean;
}

/** The build's segments in order: each workflow step, or the status itself. */
function segments(img: ImageRec): Segment[] {
  const out: Segment[] = [];
  for (const phase of PHASES) {
    if (phase === 'TESTING' && !img.imageTestsEnabled) continue;
    const dur = img.durations[phase] ?? 0;
    const wf = WORKFLOWS[phase];
    if (!wf) {
      out.push({ phase, dur, skipped: false });
      continue;
    }
    const runs = wf.steps.filter((st) => stepRuns(st, img.platform));
    const total = runs.reduce((n, st) => n + st.share, 0) || 1;
    for (const step of wf.steps) {
      const skipped = !stepRuns(step, img.platform);
      out.push({
        phase,
        step,
        workflow: wf,
        dur: skipped ? 0 : (dur * step.share) / total,
        skipped,
      });
    }
  }
  return out;
}

/** Whether a scripted failure (a status or a step name) lands in this segment. */
function failsHere(seg: Segment, failStep: string): boolean {
  if (seg.skipped) return false;
  if (seg.step) return seg.step.name === failStep || (!!seg.step.main && seg.phase === failStep);
  return seg.phase === failStep.toUpperCase();
}

export function snapshot(img: ImageRec, now: number): Snapshot {
  const spans: PhaseSpan[] = [];
  let t = img.startedAt;
  for (const seg of segments(img)) {
    const end = t + seg.dur;
    const base = { phase: seg.phase, step: seg.step, workflow: seg.workflow, start: t };
    const failAt = img.failure && failsHere(seg, img.failure.step) ? t + seg.dur / 2 : undefined;
    const stopAt = Math.min(failAt ?? Infinity, img.cancelledAt ?? Infinity);
    if (stopAt <= end && stopAt <= now) {
      const cancelled = img.cancelledAt !== undefined && img.cancelledAt === stopAt;
      spans.push({ ...base, end: stopAt, status: cancelled ? 'CANCELLED' : 'FAILED' });
      return cancelled
        ? { status: 'CANCELLED', reason: 'The image build was cancelled.', endedAt: stopAt, spans }
        : { status: 'FAILED', reason: img.failure!.reason, endedAt: stopAt, spans };
    }
    if (now < t) break;
    if (now < end) {
      spans.push({ ...base, end, status: 'RUNNING' });
      return { status: seg.phase, spans };
    }
    spans.push({ ...base, end, status: seg.skipped ? 'SKIPPED' : 'COMPLETED' });
    t = end;
  }
  return { status: 'AVAILABLE', endedAt: t, spans };
}

/** `{{ imagebuilder:buildDate }}` → the build date; AMI names cannot contain `:`. */
export function amiName(
  template: string | undefined,
  recipeName: string,
  startedAt: number,
): string {
  const buildDate = new Date(startedAt).toISOString().replace(/:/g, '-');
  if (!template) return `${recipeName} ${buildDate}`;
  return template.replace(/\{\{\s*imagebuilder:buildDate\s*\}\}/g, buildDate);
}

function distribute(
  img: ImageRec,
  ctx: Pick<OpContext, 'state' | 'random' | 'accountId' | 'clock'>,
  region: string,
): AmiRec[] {
  const s = ibState(ctx.state, region);
  const dist = img.distributionConfigurationArn
    ? s.distribution[img.distributionConfigurationArn]
    : undefined;
  type D = {
    region: string;
    amiDistributionConfiguration?: {
      name?: string;
      description?: string;
      amiTags?: Record<string, string>;
    };
    ssmParameterConfigurations?: { parameterName: string; dataType?: string }[];
  };
  const targets = (dist?.['distributions'] as D[] | undefined) ?? [{ region }];
  return targets.map((d) => {
    const cfg = d.amiDistributionConfiguration ?? {};
    const name = amiName(cfg.name, img.name, img.startedAt);
    const ec2 = registerImage(ctx, d.region, {
      name,
      description: cfg.description,
      platform: img.platform,
      architecture: img.architecture ?? 'x86_64',
      osVersion: img.osVersion,
      tags: { ...(cfg.amiTags ?? {}), CreatedBy: 'EC2 Image Builder', Ec2ImageBuilderArn: img.arn },
    });
    for (const p of d.ssmParameterConfigurations ?? []) {
      // "The image distribution creates the Parameter if it doesn't already exist. Otherwise, it updates the parameter."
      const ssm = ssmState(ctx.state, d.region);
      const param = (ssm.params[p.parameterName] ??= {
        name: p.parameterName,
        versions: [],
        tags: {},
        lastVersion: 0,
      });
      appendVersion(param, {
        version: param.lastVersion + 1,
        value: ec2.imageId,
        type: 'String',
        dataType: p.dataType ?? 'text',
        tier: 'Standard',
        labels: [],
        lastModified: ctx.clock.now(),
      });
    }
    return {
      region: d.region,
      image: ec2.imageId,
      name,
      description: cfg.description,
      state: { status: 'AVAILABLE' },
      accountId: ctx.accountId,
    };
  });
}

/** Moves every unfinished build of `region` to where the clock says it is, with side effects. */
export function advanceImages(
  ctx: Pick<OpContext, 'state' | 'random' | 'accountId' | 'clock'>,
  region: string,
): void {
  const s = ibState(ctx.state, region);
  const now = ctx.clock.now();
  for (const img of Object.values(s.images)) {
    if (img.final) continue;
    const snap = snapshot(img, now);
    const distributed = snap.spans.some(
      (sp) => sp.phase === 'DISTRIBUTING' && sp.status === 'COMPLETED',
    );
    if (distributed && !img.amis.length) img.amis = distribute(img, ctx, region);
    if (TERMINAL.includes(snap.status)) {
      img.final = { status: snap.status, reason: snap.reason, at: snap.endedAt ?? now };
      const p = img.pipelineArn ? s.pipelines[img.pipelineArn] : undefined;
      if (p) p['lastRunStatus'] = snap.status;
    }
  }
}

export function statusOf(img: ImageRec, now: number): { status: string; reason?: string } {
  if (img.final) return { status: img.final.status, reason: img.final.reason };
  const snap = snapshot(img, now);
  return { status: snap.status, reason: snap.reason };
}

export function isTerminal(status: string): boolean {
  return TERMINAL.includes(status);
}
