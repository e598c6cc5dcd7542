import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkflowPolicy } from '../../actions/lib/workflows/policy.js';
import { REPO_ROOT } from '../support/run-action.js';
import { UPSTREAM_REPOSITORY } from '../../scripts/docs/action-reference.js';

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

describe('own repository', () => {
  const own = (ref: string) => wf(`    steps:\n      - uses: o/r/actions/x@${ref}\n`);
  it('accepts its own actions at an exact release tag, nothing looser', () => {
    expect(checkWorkflowPolicy(own('v1.2.3'), 'w.yml', { ownRepository: 'o/r' })).toEqual([]);
    expect(rules(own('v1.2.3'))).toEqual(['workflow/unpinned-action@8']);
    expect(
      checkWorkflowPolicy(own('v1'), 'w.yml', { ownRepository: 'o/r' }).map((f) => f.rule),
    ).toEqual(['workflow/unpinned-action']);
  });
});

describe("this repository's workflows", () => {
  const dir = join(REPO_ROOT, '.github/workflows');
  it.each(readdirSync(dir))('%s follows the policy', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    expect(checkWorkflowPolicy(text, name, { ownRepository: UPSTREAM_REPOSITORY })).toEqual([]);
  });
});
