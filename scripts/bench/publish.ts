/**
 * Benchmark: publish-ami to 1, 2 and 4 regions; wall time ÷ one region's (≈ 1 means the regions
 * are written concurrently, as they should be). Runs against an in-memory fake with artificial
 * per-call latency, or against an endpoint (the local emulator) through the real SDK clients: the
 * lead's `npm run bench` passes `endpoint` once the emulator lands, with latency configured there.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { systemClock } from '../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { publishAmi, type RegionClients } from '../../actions/lib/ssm/publish.js';
import { BOOTSTRAP_ADMIN } from '../local-aws/iam/model.js';

export interface BenchPublishOptions {
  /** e.g. http://127.0.0.1:4566; without it, an in-memory fake is used. */
  endpoint?: string;
  /** Fake only: added latency per API call. */
  latencyMs?: number;
  /** With an endpoint: AMIs that exist there, per region (the emulator must know them). */
  amis?: Record<string, string>;
  regions?: string[];
  repeats?: number;
}

export interface BenchFigure {
  regions: number;
  wallMs: number;
  /** wallMs ÷ the 1-region wallMs. */
  ratio: number;
}

export interface BenchPublishResult {
  target: string;
  latencyMs?: number;
  figures: BenchFigure[];
}

const ALL_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

function fakeAmi(region: string, i: number): string {
  const hex = Buffer.from(`${region}${i}`)
    .toString('hex')
    .replace(/[^0-9a-f]/g, '')
    .padEnd(17, '0');
  return `ami-${hex.slice(0, 17)}`;
}

/** Just enough of SSM and EC2 for publishAmi, each call delayed by `latencyMs`. */
function fakeClients(latencyMs: number): (region: string) => RegionClients {
  const params = new Map<string, { value: string; version: number }>();
  const sleep = () => new Promise((r) => setTimeout(r, latencyMs));
  const make = (region: string) => ({
    async send(cmd: { constructor: { name: string }; input: Record<string, unknown> }) {
      await sleep();
      const key = `${region}:${String(cmd.input.Name)}`;
      switch (cmd.constructor.name) {
        case 'DescribeImagesCommand':
          return { Images: [{ ImageId: (cmd.input.ImageIds as string[])[0], State: 'available' }] };
        case 'GetParameterCommand': {
          const p = params.get(key);
          if (!p) throw Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
          return { Parameter: { Value: p.value, Version: p.version } };
        }
        case 'PutParameterCommand': {
          const version = (params.get(key)?.version ?? 0) + 1;
          params.set(key, { value: String(cmd.input.Value), version });
          return { Version: version };
        }
        case 'LabelParameterVersionCommand':
          return { InvalidLabels: [] };
        default:
          return {};
      }
    },
  });
  return (region) => {
    const c = make(region);
    return { ssm: c as unknown as SSMClient, ec2: c as unknown as EC2Client };
  };
}

function endpointClients(endpoint: string): (region: string) => RegionClients {
  const credentials = {
    accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
    secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
  };
  return (region) => ({
    ssm: new SSMClient({ region, endpoint, credentials }),
    ec2: new EC2Client({ region, endpoint, credentials }),
  });
}

export async function benchPublish(opts: BenchPublishOptions = {}): Promise<BenchPublishResult> {
  const latencyMs = opts.latencyMs ?? 50;
  const clients = opts.endpoint ? endpointClients(opts.endpoint) : fakeClients(latencyMs);
  const pool = opts.regions ?? ALL_REGIONS;
  const repeats = opts.repeats ?? 3;
  const figures: BenchFigure[] = [];
  let run = 0;
  for (const n of [1, 2, 4]) {
    const regions = pool.slice(0, n);
    if (regions.length < n) break;
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      run++;
      const amis = Object.fromEntries(regions.map((r) => [r, opts.amis?.[r] ?? fakeAmi(r, run)]));
      const start = performance.now();
      await publishAmi(
        {
          amis,
          // A fresh name per run, so every run really writes (a repeated AMI would be a no-op).
          parameterName: `/bench/publish/${Date.now()}-${run}`,
          primaryRegion: regions[0] as string,
          drRegions: regions.slice(1),
          labels: [`bench-${run}`],
          tags: { bench: 'publish' },
          pollIntervalMs: 100,
        },
        clients,
        systemClock,
        new MemoryLogger(),
      );
      times.push(performance.now() - start);
    }
    const wallMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
    figures.push({ regions: n, wallMs: Math.round(wallMs), ratio: 0 });
  }
  const one = figures[0]?.wallMs ?? 1;
  for (const f of figures) f.ratio = Math.round((f.wallMs / one) * 100) / 100;
  return {
    target: opts.endpoint ?? 'in-memory fake',
    latencyMs: opts.endpoint ? undefined : latencyMs,
    figures,
  };
}
