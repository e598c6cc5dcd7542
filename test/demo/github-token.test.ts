import { describe, expect, it } from '@jest/globals';
import {
  githubTokenClaims,
  subjectClaim,
  type JobIdentity,
} from '../../scripts/demo/github-token.js';
import {
  credentialInputs,
  grantsIdToken,
  configureAwsCredentials,
} from '../../scripts/demo/configure-credentials.js';

const repository = {
  fullName: 'octocat/my-repo',
  ownerId: '123456',
  id: '456789',
  immutableSubject: true,
};
const job: JobIdentity = {
  repository,
  workflowPath: '.github/workflows/image-pipeline.yml',
  workflowName: 'Image pipeline',
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  runId: '42',
  runAttempt: 2,
  actor: 'octocat',
  actorId: '583231',
};

describe('the subject GitHub puts in a job token', () => {
  it('uses the immutable form by default: repo:OWNER@id/REPO@id (GitHub docs example)', () => {
    expect(subjectClaim(job)).toBe('repo:octocat@123456/my-repo@456789:ref:refs/heads/main');
  });

  it('uses the name-only form when the repository sends it', () => {
    expect(subjectClaim({ ...job, repository: { ...repository, immutableSubject: false } })).toBe(
      'repo:octocat/my-repo:ref:refs/heads/main',
    );
  });

  it('names the environment of a job that has one, whatever the event', () => {
    expect(subjectClaim({ ...job, environment: 'production' })).toBe(
      'repo:octocat@123456/my-repo@456789:environment:production',
    );
    expect(subjectClaim({ ...job, eventName: 'pull_request', environment: 'production' })).toBe(
      'repo:octocat@123456/my-repo@456789:environment:production',
    );
  });

  it('says pull_request for a pull request without an environment', () => {
    expect(subjectClaim({ ...job, eventName: 'pull_request', ref: 'refs/pull/7/merge' })).toBe(
      'repo:octocat@123456/my-repo@456789:pull_request',
    );
  });

  it('refuses an immutable subject without numeric IDs, and a repository that is not OWNER/NAME', () => {
    expect(() => subjectClaim({ ...job, repository: { ...repository, ownerId: '' } })).toThrow(
      /needs numeric owner and repository IDs/,
    );
    expect(() => subjectClaim({ ...job, repository: { ...repository, fullName: 'x' } })).toThrow(
      /'x' is not OWNER\/NAME/,
    );
  });
});

describe('the other claims', () => {
  const claims = githubTokenClaims(
    { ...job, environment: 'production', jobWorkflowPath: '.github/workflows/build.yml' },
    { audience: 'sts.amazonaws.com', nowSeconds: 1_632_493_567.8, jti: 'j1' },
  );

  it('carries the repository, its owner, their IDs, and the run', () => {
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      repository: 'octocat/my-repo',
      repository_id: '456789',
      repository_owner: 'octocat',
      repository_owner_id: '123456',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      sha: 'a'.repeat(40),
      event_name: 'push',
      environment: 'production',
      run_id: '42',
      run_attempt: '2',
      actor: 'octocat',
      actor_id: '583231',
      jti: 'j1',
    });
  });

  it('names the run workflow and the file that defines the job, at the ref', () => {
    expect(claims.workflow_ref).toBe(
      'octocat/my-repo/.github/workflows/image-pipeline.yml@refs/heads/main',
    );
    expect(claims.job_workflow_ref).toBe(
      'octocat/my-repo/.github/workflows/build.yml@refs/heads/main',
    );
  });

  it('names a called workflow of another repository by its own ref', () => {
    const ref =
      'platform-team/imagebuilder-gitops/.github/workflows/image-pipeline.yml@refs/tags/v1.0.0';
    const c = githubTokenClaims({ ...job, jobWorkflowRef: ref }, { nowSeconds: 0, jti: 'j' });
    expect(c.job_workflow_ref).toBe(ref);
    expect(c.workflow_ref).toBe(
      'octocat/my-repo/.github/workflows/image-pipeline.yml@refs/heads/main',
    );
  });

  it("has the lifetime of GitHub's example token (nbf 10 min before, exp 5 min after issue)", () => {
    expect(claims.iat).toBe(1_632_493_567);
    expect(claims.nbf).toBe(1_632_492_967);
    expect(claims.exp).toBe(1_632_493_867);
  });

  it('has no environment claim for a job without one; the default audience is the owner URL', () => {
    const plain = githubTokenClaims({ ...job, ref: 'refs/tags/v1' }, { nowSeconds: 0, jti: 'j' });
    expect('environment' in plain).toBe(false);
    expect(plain.aud).toBe('https://github.com/octocat');
    expect(plain.ref_type).toBe('tag');
    expect(plain.job_workflow_ref).toBe(plain.workflow_ref);
  });
});

describe('the credentials stand-in', () => {
  it('takes the id-token permission from the job, else from the workflow', () => {
    expect(grantsIdToken({ contents: 'read' }, { 'id-token': 'write' })).toBe(true);
    expect(grantsIdToken({ 'id-token': 'write' }, undefined)).toBe(true);
    // A job's permissions replace the workflow's.
    expect(grantsIdToken({ 'id-token': 'write' }, { contents: 'read' })).toBe(false);
    expect(grantsIdToken(undefined, 'write-all')).toBe(true);
    expect(grantsIdToken('read-all', undefined)).toBe(false);
    expect(grantsIdToken(undefined, undefined)).toBe(false);
  });

  it("reads the action's inputs with its defaults and checks", () => {
    expect(credentialInputs({ 'aws-region': 'us-east-1', 'role-to-assume': 'arn:r' })).toEqual({
      roleToAssume: 'arn:r',
      region: 'us-east-1',
      sessionName: 'GitHubActions',
      durationSeconds: 3600,
      audience: 'sts.amazonaws.com',
    });
    expect(() => credentialInputs({ 'aws-region': 'nowhere' })).toThrow(/Region is not valid/);
    expect(() =>
      credentialInputs({ 'aws-region': 'us-east-1', 'role-session-name': 'a b' }),
    ).toThrow(/Role session name is not valid/);
  });

  it('fails as the action does when the job may not request a token, without calling AWS', async () => {
    let asked = false;
    await expect(
      configureAwsCredentials({
        inputs: { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::1:role/r' },
        idTokenWrite: false,
        idToken: () => {
          asked = true;
          return '';
        },
        endpoint: 'http://127.0.0.1:9',
      }),
    ).rejects.toThrow(/Could not load credentials from any providers/);
    expect(asked).toBe(false);
  });
});
