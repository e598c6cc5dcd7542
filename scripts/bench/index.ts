/**
 * npm run bench [-- validate|corpus|cold-start|iam|wait|publish ...]: the performance figures, each beside its
 * target. Benchmarks, not tests: they print what they measure and never fail the build.
 */
import { startLocalAws } from '../local-aws/server.js';
import { loadavg } from 'node:os';
import {
  ANCHOR,
  anchorDir,
  anchorHelp,
  AWS_ACTIONS,
  benchColdStart,
  jsBytesOf,
} from './cold-start.js';
import { benchEvaluate, benchIamValidate } from './iam.js';
import { corpusRates } from './corpus.js';
import { benchPublish } from './publish.js';
import { benchValidateDocs } from './validate-docs.js';
import { formatWaitFigures, runWaitBenchmark } from './wait.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (name: string) => only.length === 0 || only.includes(name);
const out = (s = '') => process.stdout.write(`${s}\n`);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

async function main(): Promise<void> {
  out(`node ${process.version}, ${new Date().toISOString()}`);
  if (want('validate')) {
    out(
      '\n## validate: 1,000 generated component documents, bundled action, fresh process, paired with a bare single-threaded yaml.parseDocument of the same files (median of 5 pairs; target ≤ 0.75×, aim 0.6×)',
    );
    const r = benchValidateDocs(ROOT, 1000);
    out(
      `  ${r.wallMs.toFixed(0)} ms (${r.docsPerSecond} docs/s), bare parse ${r.parseMs.toFixed(0)} ms: ratio ${r.ratio.toFixed(2)} (target ≤ 0.75, aim 0.60) ${r.ratio <= 0.75 ? 'ok' : 'MISSED'}`,
    );
    out(`  ${r.avgBytes} B/doc, ${r.errors} errors found; e.g. ${r.sampleFinding.slice(0, 140)}`);
  }
  if (want('corpus')) {
    out(
      '\n## corpus: real public documents (no error expected) and one-mistake variants (an error expected, first one on the named line)',
    );
    for (const kind of ['components', 'templates'] as const) {
      const r = await corpusRates(kind);
      const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
      out(
        `  ${kind.padEnd(10)} ${r.valid} valid: ${r.falseErrors} with false errors; ${r.broken} broken: detection ${pct(r.detected, r.broken)}, exact line ${pct(r.exactLine, r.broken)}; ${r.ms.toFixed(0)} ms in process`,
      );
    }
  }
  if (want('cold-start')) {
    const anchor = anchorDir(ROOT);
    out(
      `\n## cold start: no inputs, from a copy outside the repository, paired with ${ANCHOR}'s dist/index.js (median of 11 pairs) and bundle JS (AWS actions' targets: start ≤ 1.0× the anchor, aim 0.7×; JS ≤ 1.6 MB, aim 1.0 MB)`,
    );
    if (!anchor) out(`  note: ${anchorHelp()}`);
    else out(`  anchor: ${anchor}, ${mb(jsBytesOf(anchor).jsBytes)} js`);
    out(
      `  load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const r of benchColdStart(ROOT, 11, anchor)) {
      const aws = AWS_ACTIONS.has(r.action);
      const ratio =
        r.ratio === undefined
          ? ''
          : `  anchor ${r.anchorMs!.toFixed(0).padStart(4)} ms  ratio ${r.ratio.toFixed(2)}${aws ? ` (≤ 1.00, aim 0.70) ${r.ratio <= 1 ? 'ok' : 'MISSED'}` : ''}`;
      const size = `${mb(r.jsBytes)} js${aws ? ` (≤ 1.60 MB, aim 1.00 MB) ${r.jsBytes <= 1.6e6 ? 'ok' : 'MISSED'}` : ''}`;
      out(
        `  ${r.action.padEnd(13)} ${r.medianMs.toFixed(0).padStart(4)} ms${ratio}  ${size}${r.assetBytes ? ` + ${kb(r.assetBytes)} assets (loaded on first use)` : ''}`,
      );
    }
  }
  if (want('iam')) {
    out(
      '\n## IAM: bundled validate on one template, without and with policy documents (median of 7; the catalogue is imported only for the second), and the evaluator on the repository roles',
    );
    const v = benchIamValidate(ROOT);
    out(
      `  without policies ${v.withoutPoliciesMs.toFixed(0)} ms, with policies ${v.withPoliciesMs.toFixed(0)} ms`,
    );
    const e = await benchEvaluate(ROOT);
    out(
      `  catalogue load ${e.loadMs.toFixed(0)} ms; ${e.requests} requests evaluated at ${e.perSecond}/s`,
    );
  }
  if (want('wait')) {
    out(
      '\n## wait-image polling on simulated 20–60 minute builds (target: median lag ≤ 10 s, ≤ 60 GetImage calls per build-hour)',
    );
    out(formatWaitFigures(await runWaitBenchmark()));
  }
  if (want('publish')) {
    out(
      '\n## publish-ami to 1, 2 and 4 regions against the emulator, 40 ms added latency per call (target: ratio ≈ 1, i.e. concurrent)',
    );
    const aws = await startLocalAws({
      port: 0,
      ssmValidationDelayMs: 50,
      faults: [{ kind: 'latency', latencyMs: 40, probability: 1 }],
    });
    try {
      const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
      const amis = Object.fromEntries(
        regions.map((r) => [r, aws.admin.seedImage(r, { name: `bench-${r}` }).imageId]),
      );
      const r = await benchPublish({ endpoint: aws.endpoint, amis, regions });
      for (const f of r.figures)
        out(`  ${f.regions} region(s): ${f.wallMs.toFixed(0)} ms, ratio ${f.ratio.toFixed(2)}`);
    } finally {
      await aws.close();
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(
    `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
