/** The triggering event plan reads from the runner: each field, and what a missing one means. */
import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isZeroSha, parseEvent, readEvent } from '../../actions/lib/github/event.js';

describe('parseEvent', () => {
  it('a push: before and after, forced only when the payload says so', () => {
    expect(parseEvent('push', { before: 'a1', after: 'b2' })).toEqual({
      kind: 'push',
      base: 'a1',
      head: 'b2',
    });
    expect(parseEvent('push', { before: '', after: 7, forced: 'False' })).toEqual({
      kind: 'push',
      base: undefined,
      head: undefined,
      forced: false,
    });
    expect(parseEvent('push', { forced: 'maybe' })).not.toHaveProperty('forced');
  });

  it('a pull request: base and head shas; a broken payload gives neither', () => {
    expect(parseEvent('pull_request', { pull_request: { base: {}, head: { sha: 'h' } } })).toEqual({
      kind: 'pull_request',
      base: undefined,
      head: 'h',
    });
    expect(parseEvent('pull_request', null)).toEqual({
      kind: 'pull_request',
      base: undefined,
      head: undefined,
    });
  });

  it('a manual run: image and force when given, as booleans or strings', () => {
    expect(parseEvent('workflow_dispatch', {})).toEqual({ kind: 'workflow_dispatch' });
    expect(parseEvent('workflow_dispatch', { inputs: { force: false } })).toEqual({
      kind: 'workflow_dispatch',
      force: false,
    });
    expect(parseEvent('workflow_dispatch', { inputs: { force: 'false', image: 'db' } })).toEqual({
      kind: 'workflow_dispatch',
      image: 'db',
      force: false,
    });
    expect(parseEvent('workflow_dispatch', { inputs: { force: 'yes' } })).toEqual({
      kind: 'workflow_dispatch',
    });
    expect(parseEvent('schedule', { anything: 1 })).toEqual({ kind: 'schedule' });
  });

  it('refuses an event plan does not support, naming the ones it does', () => {
    expect(() => parseEvent('release', {})).toThrow(
      "plan does not support the 'release' event. Trigger it on push, pull_request, workflow_dispatch, schedule.",
    );
  });
});

describe('isZeroSha', () => {
  it("is the all-zero 'before' of a first push, and nothing else", () => {
    expect(isZeroSha('0000000000000000000000000000000000000000')).toBe(true);
    expect(isZeroSha('0000000000000000000000000000000000000001')).toBe(false);
    expect(isZeroSha('')).toBe(false);
    expect(isZeroSha(undefined)).toBe(false);
  });
});

describe('readEvent', () => {
  it('a local run without GITHUB_EVENT_NAME is a manual run; without a path, an empty payload', () => {
    expect(readEvent({})).toEqual({ kind: 'workflow_dispatch' });
    expect(readEvent({ GITHUB_EVENT_NAME: 'push' })).toEqual({
      kind: 'push',
      base: undefined,
      head: undefined,
    });
  });

  it('reads the payload file, and names it when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    try {
      const path = join(dir, 'event.json');
      writeFileSync(path, JSON.stringify({ before: 'a', after: 'b' }));
      expect(readEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path })).toMatchObject({
        base: 'a',
        head: 'b',
      });
      writeFileSync(path, '{not json');
      expect(() => readEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path })).toThrow(
        `Cannot read the event file GITHUB_EVENT_PATH=${path}: `,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
