/**
 * What the release workflow checks and writes for a tag vX.Y.Z (pure; cli.ts does the git I/O):
 * the tag is package.json's version, every `uses:` of this repository's own actions and reusable
 * workflows names exactly that tag (so a consumer who pins the release's SHA runs that release's
 * actions, never a later one), and the notes list the commits since the previous release tag.
 */

export const RELEASE_TAG = /^v(\d+)\.(\d+)\.(\d+)$/;

export interface OwnReference {
  file: string;
  line: number;
  ref: string;
}

/** Problems with releasing `tag`, as messages; empty when it may be released. */
export function releaseProblems(tag: string, version: string, refs: OwnReference[]): string[] {
  if (!RELEASE_TAG.test(tag))
    return [`'${tag}' is not a release tag: releases are tagged vMAJOR.MINOR.PATCH (e.g. v1.2.0).`];
  const problems: string[] = [];
  if (tag !== `v${version}`)
    problems.push(
      `The tag is ${tag} but package.json's version is ${version}: set "version": "${tag.slice(1)}", commit, and tag that commit.`,
    );
  for (const r of refs)
    if (r.ref !== tag)
      problems.push(
        `${r.file}:${r.line} names this repository's release ${r.ref}, not ${tag}: update it in the release commit.`,
      );
  return problems;
}

/** `v1` for `v1.4.2`: the tag consumers who follow a major version use. */
export function majorTag(tag: string): string {
  const m = RELEASE_TAG.exec(tag);
  if (!m) throw new Error(`'${tag}' is not a release tag`);
  return `v${m[1]}`;
}

function compare(a: string, b: string): number {
  const pa = RELEASE_TAG.exec(a)!.slice(1).map(Number);
  const pb = RELEASE_TAG.exec(b)!.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** The highest release tag below `tag`, or undefined for the first release. */
export function previousRelease(tags: readonly string[], tag: string): string | undefined {
  return tags
    .filter((t) => RELEASE_TAG.test(t) && compare(t, tag) < 0)
    .sort(compare)
    .pop();
}

export interface Commit {
  sha: string;
  subject: string;
}

export function releaseNotes(
  tag: string,
  previous: string | undefined,
  commits: readonly Commit[],
  repository: string,
): string {
  const since = previous ? `since ${previous}` : 'in the first release';
  const lines = [
    `## ${tag}`,
    '',
    `${commits.length} commit${commits.length === 1 ? '' : 's'} ${since}:`,
    '',
    ...commits.map((c) => `- ${c.subject} (${c.sha.slice(0, 7)})`),
    '',
    '### Use this release',
    '',
    'Pin the commit of this tag, with the version in a comment:',
    '',
    '```yaml',
    `uses: ${repository}/.github/workflows/image-pipeline.yml@<commit of ${tag}> # ${tag}`,
    '```',
    '',
    `\`@${majorTag(tag)}\` follows every ${majorTag(tag)}.x.y release instead.`,
    previous ? `Full diff: ${previous}...${tag}` : '',
    '',
  ];
  return lines.join('\n');
}
