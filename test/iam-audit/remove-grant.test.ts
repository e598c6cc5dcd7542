import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stacksGrants, templateGrants, parseStack } from '../../scripts/iam-audit/grants.js';
import { withoutGrants } from '../../scripts/iam-audit/remove-grant.js';
import { REPO_ROOT } from '../support/run-action.js';

const FILE = 'stacks/github-oidc.yml';
const text = readFileSync(join(REPO_ROOT, FILE), 'utf8');
const grants = stacksGrants(REPO_ROOT).filter((g) => g.file === FILE);
const find = (action: string, sid: string) =>
  grants.find((g) => g.action === action && g.sid === sid)!;
const actionsOf = (t: string) =>
  templateGrants(parseStack(t, FILE), FILE).map((g) => `${g.sid} ${g.action}`);

describe('the stacks grants', () => {
  it('lists every Action entry of every Allow statement of every role, with where it is', () => {
    const put = find('ssm:PutParameter', 'AmiParameters');
    expect(put).toMatchObject({ role: 'BuildRole', policy: 'publish-ami', file: FILE });
    expect(grants.filter((g) => g.role === 'DeployRole').map((g) => g.sid)).toContain(
      'PassTheAppStackExecutionRole',
    );
    // Deny statements are not grants.
    expect(grants.some((g) => g.sid === 'NeverTheInfrastructureOrTrustStacks')).toBe(false);
  });
});

describe('a copy of a stacks file without a grant', () => {
  it('drops that one Action line and keeps everything else as written', () => {
    const put = find('ssm:PutParameter', 'AmiParameters');
    const copy = withoutGrants(text, FILE, [put]);
    expect(copy.split('\n').length).toBe(text.split('\n').length - 1);
    expect(actionsOf(copy)).not.toContain('AmiParameters ssm:PutParameter');
    expect(actionsOf(copy)).toContain('AmiParameters ssm:GetParameter');
    expect(actionsOf(copy).length).toBe(actionsOf(text).length - 1);
    expect(copy).toContain('# Trusted for main only');
  });

  it('drops a statement whose only action goes', () => {
    const pass = find('iam:PassRole', 'PassTheAppStackExecutionRole');
    expect(pass.at.action).toBeUndefined();
    const copy = withoutGrants(text, FILE, [pass]);
    expect(copy).not.toContain('Sid: PassTheAppStackExecutionRole');
    expect(copy).toContain('Sid: ReleaseVersions');
    expect(actionsOf(copy).length).toBe(actionsOf(text).length - 1);
  });

  it('drops several grants of one file at once', () => {
    const two = [
      find('ssm:PutParameter', 'AmiParameters'),
      find('ec2:DescribeImages', 'VerifyAmis'),
    ];
    const copy = withoutGrants(text, FILE, two);
    expect(actionsOf(copy).length).toBe(actionsOf(text).length - 2);
    expect(copy).not.toContain('Sid: VerifyAmis');
  });
});
