/**
 * Supply chain of the workflows: every third-party `uses:` (a step's action or a job's reusable
 * workflow) names a full commit SHA with its version in a comment; the actions the demo stands in
 * for are pinned to exactly the release scripts/demo/third-party-actions.ts records (checked
 * against the tags); and Dependabot keeps both npm and the pins current, weekly, grouped.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PINNED_ACTIONS, splitUses } from '../../scripts/demo/third-party-actions.js';
import { REPO_ROOT } from '../support/run-action.js';
import { UPSTREAM_REPOSITORY } from '../../scripts/docs/action-reference.js';

const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

const USES_LINE = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(?:#\s*(.*))?$/;
const PIN = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+\b/;

function workflowFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

/** This repository's workflows and every action.yml (composite steps would use actions too). */
const files = [
  ...workflowFiles(join(REPO_ROOT, '.github/workflows')),
  ...workflowFiles(join(REPO_ROOT, 'docs/consumer-example/.github/workflows')),
  ...readdirSync(join(REPO_ROOT, 'actions'))
    .map((a) => join(REPO_ROOT, 'actions', a, 'action.yml'))
    .filter(existsSync),
];

interface UsesLine {
  file: string;
  line: number;
  uses: string;
  comment: string;
}

function usesLines(file: string): UsesLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = USES_LINE.exec(text);
      return m
        ? [
            {
              file: file.slice(REPO_ROOT.length + 1),
              line: i + 1,
              uses: m[1]!,
              comment: m[2] ?? '',
            },
          ]
        : [];
    });
}

/** Every `uses:` value the YAML holds, so a flow-style mapping cannot hide one from the line scan. */
function parsedUses(file: string): string[] {
  const doc = parse(readFileSync(file, 'utf8')) as {
    jobs?: Record<string, { uses?: string; steps?: { uses?: string }[] }>;
    runs?: { steps?: { uses?: string }[] };
  };
  const jobs = Object.values(doc?.jobs ?? {});
  return [
    ...jobs.flatMap((j) => [j.uses, ...(j.steps ?? []).map((s) => s.uses)]),
    ...(doc?.runs?.steps ?? []).map((s) => s.uses),
  ].filter((u): u is string => typeof u === 'string');
}

const ours = (u: string) => u.startsWith(`${UPSTREAM_REPOSITORY}/`);
const thirdParty = (u: string) => !u.startsWith('./') && !u.startsWith('docker://') && !ours(u);

describe('every third-party uses:', () => {
  const all = files.flatMap(usesLines);

  it('the line scan sees every uses: the YAML holds', () => {
    for (const file of files) {
      const rel = file.slice(REPO_ROOT.length + 1);
      expect([`${rel}:`, ...parsedUses(file).sort()]).toEqual([
        `${rel}:`,
        ...all
          .filter((u) => u.file === rel)
          .map((u) => u.uses)
          .sort(),
      ]);
    }
  });

  it('is pinned to a full commit SHA with its version in a comment', () => {
    const bad = all
      .filter((u) => thirdParty(u.uses))
      .filter((u) => !PIN.test(splitUses(u.uses).ref) || !VERSION_COMMENT.test(u.comment))
      .map((u) => `${u.file}:${u.line}: ${u.uses} # ${u.comment}`);
    expect(bad).toEqual([]);
    expect(all.filter((u) => thirdParty(u.uses)).length).toBeGreaterThan(0);
  });

  it('names the SHA and version the stood-in release has (verified against its tag)', () => {
    const bad = all
      .filter((u) => thirdParty(u.uses))
      .flatMap((u) => {
        const { action, ref } = splitUses(u.uses);
        const pin = PINNED_ACTIONS.find((p) => p.action === action);
        if (!pin)
          return [`${u.file}:${u.line}: ${action} is not recorded in third-party-actions.ts`];
        return ref === pin.sha && u.comment.split(/\s/)[0] === pin.version
          ? []
          : [`${u.file}:${u.line}: ${u.uses} # ${u.comment}, recorded ${pin.sha} # ${pin.version}`];
      });
    expect(bad).toEqual([]);
  });

  it('the recorded releases are on node24 majors (checkout ≥ 5, setup-node ≥ 5, credentials ≥ 6)', () => {
    const major = (a: string) =>
      Number(PINNED_ACTIONS.find((p) => p.action === a)!.version.replace(/^v(\d+).*/, '$1'));
    expect(major('actions/checkout')).toBeGreaterThanOrEqual(5);
    expect(major('actions/setup-node')).toBeGreaterThanOrEqual(5);
    expect(major('aws-actions/configure-aws-credentials')).toBeGreaterThanOrEqual(6);
  });
});

describe("this repository's own actions and reusable workflows", () => {
  // A release commit cannot name its own SHA, so the reusable workflows and the consumer example
  // name the release tag it will get; the release workflow refuses a tag that differs.
  it(`are named at the release tag v${VERSION} (package.json's version)`, () => {
    const refs = files.flatMap(usesLines).filter((u) => ours(u.uses));
    expect(refs.length).toBeGreaterThan(0);
    expect(
      refs
        .filter((u) => splitUses(u.uses).ref !== `v${VERSION}`)
        .map((u) => `${u.file}:${u.line}: ${u.uses}`),
    ).toEqual([]);
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(join(REPO_ROOT, '.github/dependabot.yml'), 'utf8')) as {
    version: number;
    updates: {
      'package-ecosystem': string;
      directory: string;
      schedule: { interval: string };
      groups?: Record<string, { patterns?: string[]; 'dependency-type'?: string }>;
    }[];
  };

  it.each(['npm', 'github-actions'])('updates %s weekly, grouped, from the root', (ecosystem) => {
    expect(config.version).toBe(2);
    const entry = config.updates.find((u) => u['package-ecosystem'] === ecosystem);
    expect(entry).toBeDefined();
    expect(entry!.directory).toBe('/');
    expect(entry!.schedule.interval).toBe('weekly');
    expect(Object.keys(entry!.groups ?? {}).length).toBeGreaterThan(0);
  });

  it('groups every @aws-sdk client into one pull request (one version line)', () => {
    const npm = config.updates.find((u) => u['package-ecosystem'] === 'npm')!;
    expect(Object.values(npm.groups ?? {}).some((g) => g.patterns?.includes('@aws-sdk/*'))).toBe(
      true,
    );
  });
});
