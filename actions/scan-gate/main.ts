/**
 * The scan-gate action, between wait-image and publish-ami: waits for the image's Inspector scan,
 * reads its findings, applies the gate (fail-on + the exceptions file), writes the job summary and
 * the full list as a JSON file, tags the image with the verdict (and deprecates its AMIs if asked),
 * and fails the step when the image is blocked, so nothing after it publishes or deploys it.
 * A scan that does not finish, or that is not enabled, fails closed unless `allow-incomplete-scan`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { ActionContext } from '../lib/core/action.js';
import { createClient } from '../lib/core/aws.js';
import { ConfigurationError, errorMessage } from '../lib/core/errors.js';
import type { ImageDefinition } from '../lib/definitions/types.js';
import { readDefinition } from '../lib/imagebuilder/build-image.js';
import { amisByRegion, formatDuration } from '../lib/imagebuilder/wait-image.js';
import { EXCEPTIONS_FILE, parseExceptions, type ScanException } from '../lib/scan/exceptions.js';
import { blockedMessage, evaluateGate, toScanFinding, type Verdict } from '../lib/scan/gate.js';
import { deprecateAmis, tagImage, verdictTags } from '../lib/scan/mark-image.js';
import { countMismatch, readImageFindings } from '../lib/scan/read-findings.js';
import { renderScanSummary, type SummaryContext } from '../lib/scan/render.js';
import { DEFAULT_FAIL_ON, FAIL_ON, type FailOn } from '../lib/scan/severity.js';
import { SCAN_SCHEDULE, waitForScan, type ScanWaitResult } from '../lib/scan/wait-scan.js';

/** The exceptions file; a missing file is no exceptions, a file with errors stops the gate. */
export function loadExceptions(path: string, read = (p: string) => readFileSync(p, 'utf8')) {
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigurationError(`Cannot read the scan exceptions file: ${errorMessage(e)}.`, {
      file: path,
    });
  }
  const { exceptions, findings } = parseExceptions(text, path);
  const first = findings.find((f) => f.severity === 'error');
  if (first)
    throw new ConfigurationError(`${first.message} [${first.rule}] (npm run validate lists all)`, {
      file: path,
      line: first.line,
      column: first.column,
    });
  return exceptions;
}

/** Pure: the message for a scan with no result to gate on. */
export function incompleteMessage(
  arn: string,
  region: string,
  w: ScanWaitResult,
  timeoutMs: number,
  file?: string,
): string {
  const what =
    w.status === 'NOT_ENABLED'
      ? `is not scanned: image scanning is not enabled on the pipeline that built it (imageScanningConfiguration.imageScanningEnabled). build-image turns it on for every definition unless it says \`scan: { enabled: false }\`${file ? ` (${file})` : ''}: re-run the pipeline so build-image updates the pipeline, or set that to publish unscanned images`
      : w.timedOut
        ? `has no scan result within ${formatDuration(timeoutMs)} (the scan is ${w.status}): raise timeout-minutes if scans are legitimately slower`
        : `has no scan result: the scan ended ${w.status}${w.reason ? ` (${w.reason})` : ''}. Amazon Inspector must be activated for EC2 scanning in ${region} (Inspector console → Activate, or \`aws inspector2 enable --resource-types EC2 --region ${region}\`); then re-run the pipeline`;
  return `Image ${arn} ${what}. It was not published. Set allow-incomplete-scan: true to publish images without a scan verdict.`;
}

interface Settings {
  arn: string;
  region: string;
  def?: ImageDefinition;
  image: string;
  failOn: FailOn;
  exceptionsFile: string;
  timeoutMs: number;
  allowIncomplete: boolean;
  deprecate: boolean;
  findingsFile: string;
}

async function readSettings(ctx: ActionContext): Promise<Settings> {
  const { inputs } = ctx;
  const arn = inputs.imageBuildVersionArn();
  const region = inputs.region();
  const defPath = inputs.optional('definition');
  const def = defPath ? await readDefinition(defPath) : undefined;
  const image = def?.name ?? arn.split('/')[1]!;
  // The input, when given, overrides the definition (e.g. a dispatch run); else the definition; else critical.
  const failOn = inputs.optional('fail-on')
    ? inputs.choice('fail-on', FAIL_ON)
    : (def?.scan?.failOn ?? DEFAULT_FAIL_ON);
  const version = arn.split('/').slice(2).join('-');
  return {
    arn,
    region,
    def,
    image,
    failOn,
    exceptionsFile: inputs.optional('exceptions-file') ?? EXCEPTIONS_FILE,
    timeoutMs: inputs.durationMs('timeout-minutes', 'minutes', {
      fallback: 60,
      min: 0.05,
      max: 1440,
    }),
    allowIncomplete: inputs.boolean('allow-incomplete-scan', false),
    deprecate: inputs.boolean('deprecate-blocked', false),
    findingsFile:
      inputs.optional('findings-file') ??
      join(ctx.env.RUNNER_TEMP || tmpdir(), `scan-findings-${image}-${version}.json`),
  };
}

/** What each part of the gate works with: the settings, the Image Builder client, the call context. */
interface Gate {
  ctx: ActionContext;
  s: Settings;
  client: ImagebuilderClient;
  call: { clock: ActionContext['clock']; logger: ActionContext['logger'] };
}

type SummaryBase = Omit<SummaryContext, 'verdict'>;

export async function scanGateAction(ctx: ActionContext): Promise<void> {
  const s = await readSettings(ctx);
  const exceptions: ScanException[] = loadExceptions(s.exceptionsFile);
  const client = createClient(ImagebuilderClient, { region: s.region });
  const call = { clock: ctx.clock, logger: ctx.logger };
  const intervalS = ctx.inputs.optional('poll-interval-seconds')
    ? ctx.inputs.integer('poll-interval-seconds', { min: 1, max: 600 })
    : undefined;
  const w = await waitForScan({
    ...call,
    client,
    imageBuildVersionArn: s.arn,
    timeoutMs: s.timeoutMs,
    schedule: intervalS ? { ...SCAN_SCHEDULE, maxIntervalMs: intervalS * 1000 } : undefined,
  });
  const base: SummaryBase = {
    image: s.image,
    imageBuildVersionArn: s.arn,
    scanStatus: w.status,
    scanReason: w.reason,
    polls: w.polls,
  };
  ctx.setOutput('scan-status', w.status);
  const gate: Gate = { ctx, s, client, call };
  if (w.status !== 'COMPLETED') return gateWithoutScan(gate, w, base);
  return gateFindings(gate, w, base, exceptions);
}

/** No scan result: opted out (published unscanned), allowed (a warning), or the step fails. */
async function gateWithoutScan(
  { ctx, s, client, call }: Gate,
  w: ScanWaitResult,
  base: SummaryBase,
): Promise<void> {
  const optedOut = w.status === 'NOT_ENABLED' && s.def?.scan?.enabled === false;
  const verdict = optedOut ? 'not-scanned' : 'incomplete';
  ctx.setOutput('verdict', verdict);
  await tagImage(client, s.arn, verdictTags(verdict, []), call).catch((e: unknown) =>
    ctx.logger.warning(`Could not tag ${s.arn}: ${errorMessage(e)}`),
  );
  const msg = optedOut
    ? `${s.def!.file} sets scan.enabled: false: ${s.image} is published without a scan.`
    : incompleteMessage(s.arn, s.region, w, s.timeoutMs, s.def?.file);
  await ctx.summary(renderScanSummary({ ...base, verdict, notes: [msg] }));
  if (optedOut) return ctx.logger.info(msg);
  if (s.allowIncomplete)
    return ctx.logger.warning(
      `${msg.replace(/ It was not published\..*$/, '')} Publishing anyway (allow-incomplete-scan: true).`,
    );
  throw new ConfigurationError(msg);
}

/** A finished scan: its findings gated, written, reported and tagged; a blocked image fails the step. */
async function gateFindings(
  gate: Gate,
  w: ScanWaitResult,
  base: SummaryBase,
  exceptions: ScanException[],
): Promise<void> {
  const { ctx, s, client, call } = gate;
  const { findings: raw, counts } = await readImageFindings(client, s.arn, call);
  const findings = raw.map(toScanFinding);
  const mismatch = countMismatch(findings, counts);
  if (mismatch) ctx.logger.warning(mismatch);
  const v: Verdict = evaluateGate({
    findings,
    failOn: s.failOn,
    exceptions,
    image: s.image,
    nowMs: ctx.clock.now(),
  });
  mkdirSync(dirname(s.findingsFile), { recursive: true });
  writeFileSync(
    s.findingsFile,
    `${JSON.stringify({ imageBuildVersionArn: s.arn, image: s.image, failOn: s.failOn, verdict: v.status, counts: v.counts, findings: raw }, null, 2)}\n`,
  );
  ctx.setOutput('verdict', v.status);
  ctx.setOutput('findings-file', s.findingsFile);
  ctx.setOutput('counts', JSON.stringify(v.counts));
  ctx.setOutput('blocking', JSON.stringify(v.blocking.map((f) => f.vulnerabilityId)));
  ctx.logger.info(verdictLine(s, v));
  const notes = mismatch ? [mismatch] : [];
  notes.push(...(await markImage(gate, v, amisByRegion(w.image))));
  await ctx.summary(
    renderScanSummary({ ...base, verdict: v.status, findingsFile: s.findingsFile, notes }, v),
  );
  if (v.status === 'blocked')
    throw new ConfigurationError(
      blockedMessage(v, {
        image: s.image,
        imageBuildVersionArn: s.arn,
        exceptionsFile: s.exceptionsFile,
      }),
    );
}

/** Pure: the log line of a verdict (counts by severity, what was accepted by exception). */
function verdictLine(s: Settings, v: Verdict): string {
  const counts =
    Object.entries(v.counts)
      .filter(([, n]) => n)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ') || 'none';
  const accepted = v.accepted.length ? `, ${v.accepted.length} accepted by exception` : '';
  return `${s.image}: ${v.total} finding(s) (${counts}); fail-on ${s.failOn}: ${v.status}${accepted}.`;
}

/**
 * Tags the image with its verdict (a blocked image must be tagged, else a warning) and, when asked,
 * deprecates a blocked image's AMIs; returns the lines it logged, for the summary.
 */
async function markImage(
  { ctx, s, client, call }: Gate,
  v: Verdict,
  amis: Record<string, string>,
): Promise<string[]> {
  const blocking = v.blocking.map((f) => f.vulnerabilityId);
  await tagImage(client, s.arn, verdictTags(v.status, blocking), call).catch((e: unknown) => {
    if (v.status === 'blocked') throw e;
    ctx.logger.warning(`Could not tag ${s.arn} with the verdict: ${errorMessage(e)}`);
  });
  const lines: string[] = [];
  if (v.status === 'blocked' && s.deprecate) {
    for (const line of await deprecateAmis(amis, call)) {
      ctx.logger.info(line);
      lines.push(line);
    }
  }
  return lines;
}
