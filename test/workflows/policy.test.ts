import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkflowPolicy } from '../../actions/lib/workflows/policy.js';
import { REPO_ROOT } from '../support/run-action.js';

const CHECKOUT = 'actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4.3.0';
const AWS =
  'aws-actions/configure-aws-credentials@a03048d87541d1d9fcf2ecf528a4a65ba9bd7838 # v5.0.0';

function wf(jobBody: string, head = 'on: push\npermissions:\n  contents: read\n'): string {
  return `${head}jobs:\n  j:\n    runs-on: ubuntu-latest\n${jobBody}`;
}

const rules = (text: string) =>
  checkWorkflowPolicy(text, 'w.yml').map((f) => `${f.rule}@${f.line}`);

describe('workflow policy', () => {
  it('passes a workflow that follows every rule', () => {
    const text = wf(
      `    permissions:\n      id-token: write\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n      - uses: ${AWS}\n        with:\n          aws-region: us-east-1\n      - run: npm ci\n      - uses: ./actions/validate\n`,
    );
    expect(rules(text)).toEqual([]);
  });

  it('flags missing or writable top-level permissions', () => {
    expect(rules(wf('    steps:\n      - run: echo\n', 'on: push\n'))).toEqual([
      'workflow/permissions@1',
    ]);
    expect(
      rules(wf('    steps:\n      - run: echo\n', 'on: push\npermissions: write-all\n')),
    ).toEqual(['workflow/permissions@2']);
    expect(
      rules(wf('    steps:\n      - run: echo\n', 'on: push\npermissions:\n  contents: write\n')),
    ).toEqual(['workflow/permissions@3']);
  });

  it('flags pull_request_target and workflow_run', () => {
    expect(
      rules(wf('    steps:\n      - run: echo\n', 'on: [pull_request_target]\npermissions: {}\n')),
    ).toEqual(['workflow/dangerous-trigger@1']);
    expect(
      rules(
        wf(
          '    steps:\n      - run: echo\n',
          'on:\n  workflow_run:\n    workflows: [x]\npermissions: {}\n',
        ),
      ),
    ).toEqual(['workflow/dangerous-trigger@1']);
  });

  it('flags id-token: write on a job that does not call AWS', () => {
    expect(
      rules(wf('    permissions:\n      id-token: write\n    steps:\n      - run: echo\n')),
    ).toEqual(['workflow/id-token@8']);
  });

  it('flags tags, short SHAs and SHAs without a version comment', () => {
    expect(rules(wf('    steps:\n      - uses: actions/setup-node@v4\n'))).toEqual([
      'workflow/unpinned-action@8',
    ]);
    expect(rules(wf('    steps:\n      - uses: actions/setup-node@49933ea\n'))).toEqual([
      'workflow/unpinned-action@8',
    ]);
    expect(
      rules(
        wf(
          '    steps:\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020\n',
        ),
      ),
    ).toEqual(['workflow/unpinned-action@8']);
  });

  it('flags checkout that persists credentials', () => {
    expect(rules(wf(`    steps:\n      - uses: ${CHECKOUT}\n`))).toEqual([
      'workflow/persist-credentials@8',
    ]);
  });

  it('flags untrusted expressions inside run, not inside env', () => {
    expect(
      rules(wf('    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n')),
    ).toEqual(['workflow/template-injection@8']);
    expect(
      rules(
        wf(
          '    steps:\n      - run: |\n          echo ok\n          git diff ${{ github.head_ref }}\n',
        ),
      ),
    ).toEqual(['workflow/template-injection@8']);
    expect(rules(wf('    steps:\n      - run: echo "${{ inputs.image }}"\n'))).toEqual([
      'workflow/template-injection@8',
    ]);
    expect(
      rules(
        wf(
          '    steps:\n      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n        run: echo "$TITLE"\n',
        ),
      ),
    ).toEqual([]);
  });

  it('flags npm install but not npm ci', () => {
    expect(rules(wf('    steps:\n      - run: npm install\n'))).toEqual(['workflow/npm-install@8']);
    expect(rules(wf('    steps:\n      - run: npm i -D x\n'))).toEqual(['workflow/npm-install@8']);
    expect(rules(wf('    steps:\n      - run: npm ci && npm run build\n'))).toEqual([]);
  });
});

describe("this repository's workflows", () => {
  const dir = join(REPO_ROOT, '.github/workflows');
  it.each(readdirSync(dir))('%s follows the policy', (name) => {
    expect(checkWorkflowPolicy(readFileSync(join(dir, name), 'utf8'), name)).toEqual([]);
  });
});

describe('workflow policy: credentials and taint (issue 11 part 5)', () => {
  const idJob = (steps: string) =>
    wf(`    permissions:\n      id-token: write\n    steps:\n${steps}`);

  it('id-token: write is needed by a local action that wraps configure-aws-credentials', () => {
    const files: Record<string, string> = {
      '.github/actions/aws/action.yml': `runs:\n  using: composite\n  steps:\n    - uses: ${AWS}\n      with:\n        aws-region: us-east-1\n`,
      '.github/actions/outer/action.yml':
        'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/aws\n',
      '.github/actions/plain/action.yml':
        'runs:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n',
    };
    const readFile = (p: string) => files[p];
    const check = (steps: string) =>
      checkWorkflowPolicy(idJob(steps), 'w.yml', { readFile }).map((f) => f.rule);
    expect(check('      - uses: ./.github/actions/aws\n')).toEqual([]);
    expect(check('      - uses: ./.github/actions/outer\n')).toEqual([]);
    expect(check('      - uses: ./.github/actions/plain\n')).toEqual(['workflow/id-token']);
    expect(check('      - uses: ./.github/actions/missing\n')).toEqual(['workflow/id-token']);
    // A script that requests the OIDC token itself obtains credentials too.
    expect(
      check('      - run: curl -H "Authorization: bearer $T" "$ACTIONS_ID_TOKEN_REQUEST_URL"\n'),
    ).toEqual([]);
  });

  it('follows env fed from event data into run', () => {
    const head =
      'on: issues\npermissions:\n  contents: read\nenv:\n  TITLE: ${{ github.event.issue.title }}\n';
    expect(rules(wf('    steps:\n      - run: echo "${{ env.TITLE }}"\n', head))).toEqual([
      'workflow/template-injection@10',
    ]);
    // The safe form reads the variable in the shell.
    expect(rules(wf('    steps:\n      - run: echo "$TITLE"\n', head))).toEqual([]);
  });

  it('follows steps.*.outputs of a step fed tainted data', () => {
    const steps =
      '    steps:\n      - id: t\n        env:\n          T: ${{ github.event.pull_request.title }}\n        run: echo "title=$T" >> "$GITHUB_OUTPUT"\n      - run: echo ${{ steps.t.outputs.title }}\n      - id: s\n        run: echo "v=1" >> "$GITHUB_OUTPUT"\n      - run: echo ${{ steps.s.outputs.v }}\n';
    expect(rules(wf(steps))).toEqual(['workflow/template-injection@12']);
  });

  it('follows needs.*.outputs and a matrix built from them', () => {
    const text = [
      'on: pull_request',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    outputs:',
      '      ref: ${{ steps.r.outputs.ref }}',
      '    steps:',
      '      - id: r',
      '        run: echo "ref=${{ github.head_ref }}" >> "$GITHUB_OUTPUT"',
      '  b:',
      '    needs: a',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        ref: ${{ fromJSON(needs.a.outputs.ref) }}',
      '    steps:',
      '      - run: echo ${{ needs.a.outputs.ref }}',
      '      - run: echo ${{ matrix.ref }}',
      '',
    ].join('\n');
    expect(rules(text)).toEqual([
      'workflow/template-injection@11',
      'workflow/template-injection@19',
      'workflow/template-injection@20',
    ]);
  });

  it('checks actions/github-script scripts', () => {
    const GS = 'actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1';
    const bad = wf(
      `    steps:\n      - uses: ${GS}\n        with:\n          script: console.log("\${{ github.event.comment.body }}")\n`,
    );
    expect(rules(bad)).toEqual(['workflow/template-injection@10']);
    const good = wf(
      `    steps:\n      - uses: ${GS}\n        env:\n          BODY: \${{ github.event.comment.body }}\n        with:\n          script: console.log(process.env.BODY)\n`,
    );
    expect(rules(good)).toEqual([]);
  });
});
