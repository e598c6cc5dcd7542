import { describe, expect, it } from '@jest/globals';
import {
  majorTag,
  previousRelease,
  releaseNotes,
  releaseProblems,
} from '../../scripts/release/release.js';

describe('releaseProblems', () => {
  const refs = [{ file: '.github/workflows/rollback.yml', line: 60, ref: 'v1.2.0' }];
  it('accepts the tag of package.json whose own references name it', () => {
    expect(releaseProblems('v1.2.0', '1.2.0', refs)).toEqual([]);
  });
  it('refuses another version, a stale reference and a tag that is not vX.Y.Z', () => {
    expect(releaseProblems('v1.3.0', '1.2.0', refs)).toEqual([
      'The tag is v1.3.0 but package.json\'s version is 1.2.0: set "version": "1.3.0", commit, and tag that commit.',
      ".github/workflows/rollback.yml:60 names this repository's release v1.2.0, not v1.3.0: update it in the release commit.",
    ]);
    expect(releaseProblems('v1', '1.0.0', [])[0]).toContain("'v1' is not a release tag");
  });
});

describe('tags and notes', () => {
  it('finds the previous release by version, not by name order', () => {
    expect(previousRelease(['v1.9.0', 'v1.10.0', 'v1', 'v2.0.0', 'junk'], 'v1.10.1')).toBe(
      'v1.10.0',
    );
    expect(previousRelease(['v1.0.0'], 'v1.0.0')).toBeUndefined();
    expect(majorTag('v3.4.5')).toBe('v3');
  });

  it('lists the commits since the previous release and how to pin', () => {
    const notes = releaseNotes(
      'v1.1.0',
      'v1.0.0',
      [{ sha: 'a'.repeat(40), subject: 'plan: comment on pull requests' }],
      'o/r',
    );
    expect(notes).toContain('1 commit since v1.0.0:');
    expect(notes).toContain('- plan: comment on pull requests (aaaaaaa)');
    expect(notes).toContain(
      'uses: o/r/.github/workflows/image-pipeline.yml@<commit of v1.1.0> # v1.1.0',
    );
    expect(notes).toContain('`@v1` follows every v1.x.y release');
  });
});
