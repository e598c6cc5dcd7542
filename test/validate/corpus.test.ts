/**
 * The public corpus (test/fixtures/corpus/, issue 11 part 6): every real document validates with no
 * error, and every one-mistake variant fails with its first error on the line its first line names.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCorpusFile, corpusFiles, type CorpusKind } from '../../scripts/bench/corpus.js';
import { CORPUS } from '../../scripts/bench/corpus-variants.js';

const sources = JSON.parse(readFileSync(join(CORPUS, 'sources.json'), 'utf8')) as {
  file: string;
  repo: string;
  license: string;
}[];

describe('the corpus itself', () => {
  it('holds at least 40 component documents from 15 repositories and 30 templates', () => {
    const comps = sources.filter((s) => s.file.startsWith('components/'));
    expect(comps.length).toBeGreaterThanOrEqual(40);
    expect(new Set(comps.map((s) => s.repo)).size).toBeGreaterThanOrEqual(15);
    expect(sources.filter((s) => s.file.startsWith('templates/')).length).toBeGreaterThanOrEqual(
      30,
    );
  });

  it('every document names its source commit and a licence that allows redistribution', () => {
    for (const kind of ['components', 'templates'] as const) {
      for (const f of corpusFiles(kind, 'valid')) {
        const head = readFileSync(join(CORPUS, f), 'utf8').split('\n').slice(0, 2);
        expect(head[0]).toMatch(
          /^# Source: https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//,
        );
        expect(head[1]).toMatch(/^# License: (MIT-0|MIT|Apache-2\.0) /);
        expect(sources.some((s) => s.file === f)).toBe(true);
      }
    }
  });
});

/**
 * Real mistakes in published documents that CloudFormation deploys as they are, because IAM stores
 * a policy that grants nothing without complaint: the IAM rules report them, at their line.
 */
const PUBLISHED_MISTAKES: Record<string, string[]> = {
  // `s3:ReplicationTags` is no S3 action (the Service Authorization Reference has s3:ReplicateTags).
  'templates/valid/aws-cloudformation-templates--cloudformation-stacksets-common-resources-pkg-json.json':
    ['iam/unknown-action@207'],
  // A log group's ARN is `…:log-group:/aws/imagebuilder/*` (a colon): `log-group/aws/…` fits none.
  'templates/valid/ec2-imagebuilder-ami-share--cloudformation-ec2imagebuilderamishare-yaml.yml': [
    'iam/resource-type-mismatch@153',
  ],
};

describe.each(['components', 'templates'] as CorpusKind[])('%s', (kind) => {
  it.each(corpusFiles(kind, 'valid'))('%s has no error', async (file) => {
    const r = await checkCorpusFile(kind, file);
    expect(r.errors.map((e) => `${e.rule}@${e.line}`)).toEqual(PUBLISHED_MISTAKES[file] ?? []);
  });

  it.each(corpusFiles(kind, 'broken'))('%s: first error at the expected line', async (file) => {
    const r = await checkCorpusFile(kind, file);
    expect(r.expectedLine).toBeGreaterThan(1);
    expect(r.errors[0]).toEqual(expect.objectContaining({ line: r.expectedLine }));
  });
});
