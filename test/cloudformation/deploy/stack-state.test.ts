/**
 * deploy-stack's decisions from a stack's status, its event stream and its polling: what a user
 * sees when a stack is in any state, and which resource failed.
 */
import { describe, it, expect } from '@jest/globals';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { VirtualClock } from '../../../actions/lib/core/clock.js';
import { AwsOperationError } from '../../../actions/lib/core/errors.js';
import {
  isInProgress,
  isSuccess,
  planForStatus,
} from '../../../actions/lib/cloudformation/deploy/stack-state.js';
import {
  failedResources,
  formatEvent,
  newEvents,
} from '../../../actions/lib/cloudformation/deploy/events.js';
import { pollOrFail } from '../../../actions/lib/cloudformation/deploy/poll.js';
import {
  changeRows,
  changeSetName,
  isNoChangeReason,
  renderChanges,
} from '../../../actions/lib/cloudformation/deploy/change-set.js';
import { withPreviousValues } from '../../../actions/lib/cloudformation/deploy/previous-values.js';

describe('planForStatus', () => {
  const plan = (status: string | undefined, reason?: string) =>
    planForStatus(status, 'app', 'eu-west-1', reason);

  it('creates a missing or deleted stack, and one left in review by an unexecuted change set', () => {
    for (const s of [undefined, 'DELETE_COMPLETE', 'REVIEW_IN_PROGRESS'])
      expect(plan(s)).toEqual({ kind: 'create' });
  });

  it('updates every stable, updatable status', () => {
    for (const s of [
      'CREATE_COMPLETE',
      'UPDATE_COMPLETE',
      'UPDATE_ROLLBACK_COMPLETE',
      'IMPORT_COMPLETE',
      'IMPORT_ROLLBACK_COMPLETE',
    ])
      expect(plan(s)).toEqual({ kind: 'update' });
  });

  it('waits for any operation in progress', () => {
    for (const s of [
      'CREATE_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'DELETE_IN_PROGRESS',
      'IMPORT_IN_PROGRESS',
    ])
      expect(plan(s)).toEqual({ kind: 'wait' });
  });

  it('recreates a stack whose creation failed, saying why, with the reason', () => {
    expect(plan('ROLLBACK_COMPLETE', 'Instance failed')).toEqual({
      kind: 'recreate',
      why: 'app is ROLLBACK_COMPLETE (its creation failed and was rolled back; such a stack cannot be updated) (Instance failed)',
    });
    expect(plan('ROLLBACK_FAILED')).toEqual({
      kind: 'recreate',
      why: 'app is ROLLBACK_FAILED (its creation failed and so did the rollback; it can only be deleted)',
    });
  });

  it('fails the states a person must fix, with the command for this region and stack', () => {
    const msg = (s: string, reason?: string) => {
      const p = plan(s, reason);
      return p.kind === 'fail' ? p.message : `not a failure: ${p.kind}`;
    };
    expect(msg('UPDATE_ROLLBACK_FAILED', 'bucket gone')).toMatch(
      /^Stack app is UPDATE_ROLLBACK_FAILED \(bucket gone\): CloudFormation could not roll back/,
    );
    expect(msg('UPDATE_ROLLBACK_FAILED')).toContain(
      '`aws cloudformation --region eu-west-1 continue-update-rollback --stack-name app`',
    );
    expect(msg('UPDATE_ROLLBACK_FAILED')).toContain(
      ': CloudFormation could not roll back the last update. Fix the resource that failed to roll back (see its event), then continue the rollback: console: Stack actions → Continue update rollback, or ',
    );
    expect(msg('UPDATE_ROLLBACK_FAILED')).toContain('--resources-to-skip <LogicalId>');
    expect(msg('DELETE_FAILED')).toContain(
      '`aws cloudformation --region eu-west-1 delete-stack --stack-name app`',
    );
    expect(msg('DELETE_FAILED')).toContain('--retain-resources <LogicalId>');
    for (const s of ['CREATE_FAILED', 'UPDATE_FAILED'])
      expect(msg(s)).toBe(
        `Stack app is ${s} (rollback was disabled). Roll it back with \`aws cloudformation --region eu-west-1 rollback-stack --stack-name app\` and re-run.`,
      );
    expect(msg('IMPORT_ROLLBACK_FAILED', 'x')).toBe(
      'Stack app is IMPORT_ROLLBACK_FAILED (x); this action does not know how to deploy from it.',
    );
  });

  it('tells in-progress from settled, and success from the rest', () => {
    expect(isInProgress('UPDATE_IN_PROGRESS')).toBe(true);
    expect(isInProgress('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBe(true);
    expect(isInProgress('REVIEW_IN_PROGRESS')).toBe(false);
    expect(isInProgress('UPDATE_COMPLETE')).toBe(false);
    expect(isInProgress(undefined)).toBe(false);
    for (const s of ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'])
      expect(isSuccess(s)).toBe(true);
    for (const s of ['UPDATE_ROLLBACK_COMPLETE', 'ROLLBACK_COMPLETE', 'DELETE_COMPLETE', undefined])
      expect(isSuccess(s)).toBe(false);
  });
});

describe('stack events', () => {
  const ev = (id: string, over: Partial<StackEvent> = {}): StackEvent => ({
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/app/1',
    EventId: id,
    StackName: 'app',
    LogicalResourceId: 'Web',
    ResourceType: 'AWS::EC2::Instance',
    ResourceStatus: 'CREATE_IN_PROGRESS',
    Timestamp: new Date('2025-03-04T05:06:07.890Z'),
    ...over,
  });

  it('formats time, resource, type, status and reason; placeholders for what is missing', () => {
    expect(formatEvent(ev('1', { ResourceStatusReason: 'Resource creation Initiated' }))).toBe(
      '05:06:07 Web (AWS::EC2::Instance) CREATE_IN_PROGRESS — Resource creation Initiated',
    );
    expect(formatEvent({} as StackEvent)).toBe('--:--:-- ? (?) ?');
  });

  it('yields each event once, oldest first, from newest-first pages', () => {
    const seen = new Set<string>();
    expect(newEvents([ev('2'), ev('1')], seen).map((e) => e.EventId)).toEqual(['1', '2']);
    expect(newEvents([ev('3'), ev('2'), ev('1')], seen).map((e) => e.EventId)).toEqual(['3']);
    expect(newEvents([ev('3')], seen)).toEqual([]);
    // Events without an id cannot be told apart: skipped.
    expect(newEvents([{ ...ev('x'), EventId: undefined }], seen)).toEqual([]);
  });

  it("collects the failed resources with their reasons, not the stack's own event", () => {
    const events = [
      ev('1', { ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'AMI not found' }),
      ev('2', {
        LogicalResourceId: 'Sg',
        ResourceType: 'AWS::EC2::SecurityGroup',
        ResourceStatus: 'CREATE_FAILED',
        ResourceStatusReason: 'Resource creation cancelled',
      }),
      ev('3', {
        LogicalResourceId: 'app',
        ResourceType: 'AWS::CloudFormation::Stack',
        ResourceStatus: 'UPDATE_FAILED',
        ResourceStatusReason: 'The following resource(s) failed to create: [Web]',
      }),
      // A failure without a reason says nothing.
      ev('4', { LogicalResourceId: 'Other', ResourceStatus: 'DELETE_FAILED' }),
      ev('5', { ResourceStatus: 'CREATE_COMPLETE', ResourceStatusReason: 'ok' }),
    ];
    expect(failedResources(events, 'app')).toEqual([
      {
        logicalId: 'Web',
        type: 'AWS::EC2::Instance',
        status: 'CREATE_FAILED',
        reason: 'AMI not found',
      },
    ]);
    // Only cancelled ones: they are all there is to show.
    expect(failedResources(events.slice(1), 'app').map((f) => f.logicalId)).toEqual(['Sg']);
    // A resource of another type named like the stack is a resource like any other.
    expect(
      failedResources(
        [{ ...events[0]!, LogicalResourceId: 'app', ResourceType: 'AWS::EC2::Instance' }],
        'app',
      ).map((f) => f.logicalId),
    ).toEqual(['app']);
    // A nested stack of another name is a resource like any other.
    expect(
      failedResources(
        [{ ...events[2]!, LogicalResourceId: 'Nested', ResourceStatusReason: 'boom' }],
        'app',
      ).map((f) => f.logicalId),
    ).toEqual(['Nested']);
  });
});

describe('pollOrFail (a stack wait over core pollUntil)', () => {
  it('reads until terminal, sleeping the interval between reads, calling onPoll each time', async () => {
    const clock = new VirtualClock(0);
    const values = ['A', 'B', 'DONE'];
    const polled: string[] = [];
    const r = await pollOrFail({
      clock,
      deadline: 60_000,
      intervalMs: 5_000,
      what: 'stack app in eu-west-1',
      read: async () => values.shift()!,
      isTerminal: (v) => v === 'DONE',
      onPoll: (v) => void polled.push(v),
    });
    expect(r).toBe('DONE');
    expect(polled).toEqual(['A', 'B', 'DONE']);
    expect(clock.now()).toBe(10_000);
  });

  it('gives up at the deadline, naming what it waited for and the last state', async () => {
    const clock = new VirtualClock(0);
    let reads = 0;
    const err = (await pollOrFail({
      clock,
      deadline: 20_000,
      intervalMs: 5_000,
      what: 'stack app in eu-west-1',
      read: async () => ++reads,
      isTerminal: () => false,
      describe: (n) => `at read ${n}`,
    }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(reads).toBe(5);
    expect(err.message).toMatch(
      /^Wait failed for stack app in eu-west-1: still at read 5 at the deadline\. /,
    );
    expect(err.message).toContain('Raise timeout-minutes');
    const plain = (await pollOrFail({
      clock: new VirtualClock(0),
      deadline: 0,
      intervalMs: 1,
      what: 'x',
      read: async () => 0,
      isTerminal: () => false,
    }).catch((e: unknown) => e)) as Error;
    expect(plain.message).toContain('still not done at the deadline');
  });
});

describe('withPreviousValues', () => {
  it('keeps given parameters first, in order, and only adds declared ones not given', () => {
    expect(
      withPreviousValues(
        [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '7' }],
        [
          { ParameterKey: 'InstanceType', ParameterValue: 't3.micro' },
          { ParameterKey: 'AmiParameterVersion', ParameterValue: '6' },
          { ParameterKey: 'Removed', ParameterValue: 'x' },
          { ParameterKey: '', ParameterValue: 'x' },
        ],
        ['AmiParameterVersion', 'InstanceType', ''],
      ),
    ).toEqual([
      { ParameterKey: 'AmiParameterVersion', ParameterValue: '7' },
      { ParameterKey: 'InstanceType', UsePreviousValue: true },
    ]);
  });
});

describe('change sets', () => {
  it('recognises the no-change reasons, whatever their case, and nothing else', () => {
    expect(isNoChangeReason("the submitted information DIDN'T CONTAIN CHANGES.")).toBe(true);
    expect(isNoChangeReason('no updates are to be performed.')).toBe(true);
    expect(isNoChangeReason(undefined)).toBe(false);
    expect(isNoChangeReason('')).toBe(false);
  });

  it('names change sets within the allowed characters and length', () => {
    expect(changeSetName({}, 5)).toBe('igo-local-1-5');
    expect(changeSetName({ GITHUB_RUN_ID: '12/3', GITHUB_RUN_ATTEMPT: '2 ' }, 7)).toBe(
      'igo-123-2-7',
    );
    const long = changeSetName({ GITHUB_RUN_ID: '9'.repeat(200) }, 1);
    expect(long).toHaveLength(128);
    expect(long).toMatch(/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/);
  });

  it('lists resource changes, marking replacements, and says when there are none', () => {
    const rows = changeRows([
      {
        ResourceChange: {
          LogicalResourceId: 'Web',
          ResourceType: 'AWS::EC2::Instance',
          Action: 'Modify',
          Replacement: 'True',
        },
      },
      { ResourceChange: { LogicalResourceId: 'Sg', Action: 'Add' } },
      { HookInvocationCount: 1 },
    ]);
    expect(rows).toEqual([
      { logicalId: 'Web', type: 'AWS::EC2::Instance', action: 'Modify', replacement: 'True' },
      { logicalId: 'Sg', type: '?', action: 'Add', replacement: '' },
    ]);
    expect(renderChanges(rows)).toBe(
      '| Logical ID | Type | Action | Replacement |\n|---|---|---|---|\n' +
        '| Web | AWS::EC2::Instance | Modify | **True** |\n| Sg | ? | Add |  |\n',
    );
    expect(renderChanges([])).toBe('_No resource changes._\n');
    expect(
      renderChanges([{ logicalId: 'A', type: 'T', action: 'Modify', replacement: 'Conditional' }]),
    ).toContain('| A | T | Modify | Conditional |');
  });
});
