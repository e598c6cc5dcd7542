/**
 * IAM figures: what validate pays for the IAM catalogue (a template without policy documents
 * never imports it; one with them does), in the bundled action in a fresh process; and the
 * evaluator's throughput on the repository's own roles, as the emulator uses it per request.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { loadCatalogue } from '../../actions/lib/iam/catalogue.js';
import { evaluate, type NamedPolicy, type PolicyDocument } from '../../actions/lib/iam/evaluate.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const BUCKET = 'Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n';

/** Median wall time of the bundled validate on one template, `runs` fresh processes. */
function validateOnce(root: string, template: string, runs: number): number {
  const ws = mkdtempSync(join(tmpdir(), 'bench-iam-'));
  mkdirSync(join(ws, 'stacks'));
  writeFileSync(join(ws, 'stacks', 't.yml'), template);
  const dist = mkdtempSync(join(tmpdir(), 'bench-iam-dist-'));
  cpSync(join(root, 'actions', 'validate', 'dist'), dist, { recursive: true });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const output = join(ws, 'output');
    writeFileSync(output, '');
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(dist, 'index.js')], {
      cwd: ws,
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: ws,
        GITHUB_OUTPUT: output,
        INPUT_PATHS: 'stacks',
      },
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!/errors<</.test(readFileSync(output, 'utf8')))
      throw new Error(`validate wrote no outputs; stderr: ${r.stderr}`);
  }
  return median(times);
}

export interface IamValidateBench {
  withoutPoliciesMs: number;
  withPoliciesMs: number;
}

export function benchIamValidate(root: string, runs = 7): IamValidateBench {
  const roles = readFileSync(join(root, 'stacks', 'github-oidc.yml'), 'utf8');
  return {
    withoutPoliciesMs: validateOnce(root, BUCKET, runs),
    withPoliciesMs: validateOnce(root, roles, runs),
  };
}

export interface EvaluateBench {
  loadMs: number;
  requests: number;
  perSecond: number;
}

/** A template value with every intrinsic function (`!Sub`, `!Ref`, ...) replaced by `*`. */
function literal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(literal);
  if (typeof v !== 'object' || v === null) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && /^(Ref|Fn::)/.test(keys[0]!)) return '*';
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literal(x)]));
}

/** The inline policies of the repository's roles, as the emulator would hold them. */
function stackPolicies(root: string): NamedPolicy[] {
  const text = readFileSync(join(root, 'stacks', 'github-oidc.yml'), 'utf8');
  const resources = parseTemplate(text, 'github-oidc.yml').template?.Resources ?? {};
  const out: NamedPolicy[] = [];
  for (const [id, r] of Object.entries(resources)) {
    const policies = (r.Properties?.Policies ?? []) as {
      PolicyName: string;
      PolicyDocument: unknown;
    }[];
    for (const p of policies)
      out.push({
        name: `${id}/${p.PolicyName}`,
        document: literal(p.PolicyDocument) as PolicyDocument,
      });
  }
  return out;
}

export async function benchEvaluate(root: string, requests = 20000): Promise<EvaluateBench> {
  const t0 = performance.now();
  const cat = await loadCatalogue();
  cat.getAction('ssm', 'PutParameter');
  const loadMs = performance.now() - t0;
  const policies = stackPolicies(root);
  const actions = [
    'ssm:PutParameter',
    'imagebuilder:CreateComponent',
    'ec2:DescribeImages',
    'iam:PassRole',
    'cloudformation:CreateChangeSet',
  ];
  const t1 = performance.now();
  for (let i = 0; i < requests; i++)
    evaluate(
      {
        action: actions[i % actions.length]!,
        resource: `arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/image-${i % 7}`,
        context: {
          'aws:RequestTag/imagebuilder-gitops:project': 'golden-ami',
          'iam:PassedToService': 'ec2.amazonaws.com',
        },
      },
      policies,
    );
  const ms = performance.now() - t1;
  return { loadMs, requests, perSecond: Math.round((requests / ms) * 1000) };
}
