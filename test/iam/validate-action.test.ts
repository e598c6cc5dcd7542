/**
 * The bundled validate action on a template with policy documents: the IAM catalogue, a separate
 * chunk of the bundle imported on first use, loads from dist/ in a process of its own, and its
 * findings become annotations at the policy's line.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../support/run-action.js';

const ROLE = [
  'Resources:', // 1
  '  Builder:', // 2
  '    Type: AWS::IAM::Role', // 3
  '    Properties:', // 4
  '      AssumeRolePolicyDocument:', // 5
  "        Version: '2012-10-17'", // 6
  '        Statement:', // 7
  '          - Effect: Allow', // 8
  '            Principal: {Service: ec2.amazonaws.com}', // 9
  '            Action: sts:AssumeRole', // 10
  '      Policies:', // 11
  '        - PolicyName: publish', // 12
  '          PolicyDocument:', // 13
  "            Version: '2012-10-17'", // 14
  '            Statement:', // 15
  '              - Effect: Allow', // 16
  '                Action: [ssm:PutParameter, ssm:PutParamter]', // 17
  "                Resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/*'", // 18
  '',
].join('\n');

describe('validate action (dist, as a process) on IAM policies', () => {
  it('loads the catalogue chunk and annotates the unknown action at its line', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'iam-validate-'));
    mkdirSync(join(ws, 'stacks'));
    writeFileSync(join(ws, 'stacks', 'role.yml'), ROLE);
    const run = await runAction('validate', { paths: 'stacks' }, { cwd: ws });
    expect(run.stdout).toMatch(
      /^::error title=iam\/unknown-action,file=stacks\/role\.yml,line=17,.*Did you mean `PutParameter`\?/m,
    );
    expect(run.stdout).not.toMatch(/internal-error|Cannot find module/);
    expect(run.outputs).toMatchObject({ errors: '1', warnings: '0' });
    expect(run.code).toBe(1);
  });
});
