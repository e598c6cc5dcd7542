/**
 * What wait-image shows while and after it waits: progress lines, the summary table, the gantt
 * chart and the diagnosis of a failed build.
 */
import { describe, it, expect } from '@jest/globals';
import {
  diagnoseFailure,
  formatElapsed,
  logGroupOf,
  renderGantt,
  renderTimelineTable,
  Timeline,
} from '../../actions/lib/imagebuilder/wait-report.js';

describe('formatElapsed', () => {
  it('seconds under a minute, then minutes and two-digit seconds; never negative', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(59_400)).toBe('59s');
    expect(formatElapsed(59_500)).toBe('1m 00s');
    expect(formatElapsed(61_000)).toBe('1m 01s');
    expect(formatElapsed(3_725_000)).toBe('62m 05s');
    expect(formatElapsed(-5_000)).toBe('0s');
  });
});

describe('Timeline', () => {
  it('reports a step once per status, with the message of a failure only', () => {
    const t = new Timeline(1_000);
    const step = (status: string, message?: string) => [
      { workflow: 'TEST', name: 'RunTests', status, message },
    ];
    expect(t.observe(1_000, 'TESTING', step('RUNNING', 'started'))).toEqual([
      '[0s] TESTING',
      '[0s] step TEST/RunTests: RUNNING',
    ]);
    expect(t.observe(11_000, 'TESTING', step('RUNNING', 'still'))).toEqual([]);
    expect(t.observe(21_000, 'TESTING', step('FAILED', 'curl exited 7'))).toEqual([
      '[20s] step TEST/RunTests: FAILED — curl exited 7',
    ]);
    const e = t.entries.find((x) => x.kind === 'step')!;
    expect(e).toMatchObject({ status: 'FAILED', message: 'curl exited 7', startMs: 1_000 });
    // A done step without an end time ends when it was seen done.
    expect(e.endMs).toBe(21_000);
  });

  it('keeps a step open while it runs, and its last message when a later read has none', () => {
    const t = new Timeline(0);
    t.observe(0, 'BUILDING', [
      { workflow: 'BUILD', name: 'Apply', status: 'RUNNING', message: 'm1' },
    ]);
    expect(t.entries[1]!.endMs).toBeUndefined();
    t.observe(5_000, 'BUILDING', [
      { workflow: 'BUILD', name: 'Apply', status: 'COMPLETED', endMs: 4_000 },
    ]);
    expect(t.entries[1]).toMatchObject({ status: 'COMPLETED', message: 'm1', endMs: 4_000 });
    // Each of the done statuses ends a step.
    for (const status of ['CANCELLED', 'SKIPPED']) {
      const u = new Timeline(0);
      u.observe(9_000, 'X', [{ workflow: 'W', name: status, status }]);
      expect(u.entries[1]!.endMs).toBe(9_000);
    }
  });

  it('ends each state when the next begins; close ends only an open one', () => {
    const t = new Timeline(0);
    t.observe(0, 'PENDING');
    t.observe(10_000, 'BUILDING');
    expect(t.entries.map((e) => [e.name, e.startMs, e.endMs])).toEqual([
      ['PENDING', 0, 10_000],
      ['BUILDING', 10_000, undefined],
    ]);
    t.close(30_000);
    t.close(99_000);
    expect(t.entries[1]!.endMs).toBe(30_000);
    new Timeline(0).close(1); // nothing observed: nothing to close
  });
});

describe('renderTimelineTable', () => {
  it('marks an open entry, bolds states and escapes pipes and newlines in step names', () => {
    const table = renderTimelineTable(
      [
        { kind: 'state', name: 'BUILDING', status: 'BUILDING', startMs: 5_000 },
        { kind: 'step', name: 'BUILD/a|b\nc', status: 'RUNNING', startMs: 65_000, endMs: 70_000 },
      ],
      5_000,
    );
    expect(table.split('\n')).toEqual([
      '| | state / step | status | start | duration |',
      '|---|---|---|---|---|',
      '| state | **BUILDING** | BUILDING | +0s | … |',
      '| step | BUILD/a\\|b c | RUNNING | +1m 00s | 5s |',
    ]);
  });
});

describe('renderGantt', () => {
  it('tags failed, done and running entries, and gives each at least a second', () => {
    const g = renderGantt(
      'web: 1.0.3#2',
      [
        { kind: 'state', name: 'BUILDING', status: 'BUILDING', startMs: 0, endMs: 500 },
        { kind: 'step', name: 'BUILD/Apply', status: 'FAILED', startMs: 0, endMs: 9_000 },
        { kind: 'step', name: 'TEST/Run', status: 'RUNNING', startMs: 2_000 },
        { kind: 'step', name: 'DIST/Copy', status: 'SKIPPED', startMs: 3_000, endMs: 3_000 },
        { kind: 'step', name: ':#;', status: 'COMPLETED', startMs: 1_000, endMs: 4_000 },
      ],
      10_000,
    );
    expect(g.split('\n')).toEqual([
      '```mermaid',
      'gantt',
      '    title web  1.0.3 2',
      '    dateFormat x',
      '    axisFormat %H:%M',
      '    section State',
      '    BUILDING :done, 0, 1000',
      '    section Workflow steps',
      '    BUILD/Apply :crit, 0, 9000',
      '    TEST/Run :active, 2000, 10000',
      '    DIST/Copy :done, 3000, 4000',
      '    unnamed :done, 1000, 4000',
      '```',
    ]);
    expect(renderGantt('t', [], 0)).not.toContain('section');
  });
});

describe('diagnoseFailure', () => {
  it('says when Image Builder gave no reason and no failed step', () => {
    expect(
      diagnoseFailure({
        region: 'eu-west-1',
        imageArn: 'arn:x',
        imageName: 'web',
        reason: '  ',
        steps: [{ workflow: 'BUILD', name: 'Launch', status: 'COMPLETED' }],
      }).split('\n'),
    ).toEqual([
      'Image build FAILED: arn:x',
      'Reason: (Image Builder gave no reason)',
      'Failed step: none reported by the workflow executions',
      'Logs: CloudWatch log group /aws/imagebuilder/web (one stream per build version)',
      'Console: https://eu-west-1.console.aws.amazon.com/imagebuilder/home?region=eu-west-1#/images/arn%3Ax',
    ]);
  });

  it('lists every failed step, with its message when there is one', () => {
    const text = diagnoseFailure({
      region: 'r',
      imageArn: 'a',
      imageName: 'n',
      reason: ' Build failed \n',
      steps: [
        { workflow: 'BUILD', name: 'One', status: 'FAILED' },
        { workflow: 'TEST', name: 'Two', status: 'FAILED', message: 'exit 2' },
      ],
    });
    expect(text).toContain('Reason: Build failed\n');
    expect(text).toContain('Failed step: BUILD / One\nFailed step: TEST / Two: exit 2');
    expect(logGroupOf('web-server')).toBe('/aws/imagebuilder/web-server');
  });
});
