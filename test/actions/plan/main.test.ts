import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext } from '../../../actions/lib/core/action.js';
import { VirtualClock } from '../../../actions/lib/core/clock.js';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import { Inputs } from '../../../actions/lib/core/inputs.js';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import { parseEvent, readEvent } from '../../../actions/lib/github/event.js';
import { planAction } from '../../../actions/plan/main.js';
import { FIXTURES, git, write } from '../../definitions/helpers.js';

let dir: string;
let eventDir: string;
let first: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-action-'));
  eventDir = mkdtempSync(join(tmpdir(), 'plan-event-'));
  cpSync(join(FIXTURES, 'two-images'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  first = git(dir, 'rev-parse', 'HEAD');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(eventDir, { recursive: true, force: true });
});

function context(event: string, payload: unknown, inputs: Record<string, string> = {}) {
  const path = join(eventDir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const logger = new MemoryLogger();
  const ctx: ActionContext = {
    inputs: new Inputs((n) => inputs[n] ?? '', 'plan'),
    logger,
    clock: new VirtualClock(),
    env: { GITHUB_WORKSPACE: dir, GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: path },
    setOutput: (k, v) => void (outputs[k] = v),
    summary: async (md) => void summaries.push(md),
  };
  return { ctx, outputs, summaries, logger };
}

function commit(message: string, change: () => void): string {
  change();
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

describe('planAction', () => {
  it('push changing a shared component: both images, matrix and summary', async () => {
    const after = commit('harden', () =>
      write(dir, 'components/hardening.yml', `# tweak\n${headText('components/hardening.yml')}`),
    );
    const { ctx, outputs, summaries } = context('push', { before: first, after, forced: false });
    await planAction(ctx);
    const matrix = JSON.parse(outputs.matrix!) as {
      include: { image: string; 'changed-components': string[]; redeploy: boolean }[];
    };
    expect(matrix.include.map((e) => [e.image, e['changed-components'], e.redeploy])).toEqual([
      ['api-server', ['components/hardening.yml'], false],
      ['web', ['components/hardening.yml'], true],
    ]);
    expect(outputs.images).toBe('["api-server","web"]');
    expect(outputs.count).toBe('2');
    expect(outputs['has-images']).toBe('true');
    expect(summaries[0]).toContain('f0["components/hardening.yml"]');
  });

  it('docs-only push: empty matrix, has-images false', async () => {
    const after = commit('docs', () => write(dir, 'docs/README.md', '# more docs\n'));
    const { ctx, outputs, summaries } = context('push', { before: first, after });
    await planAction(ctx);
    expect(outputs).toEqual({
      matrix: '{"include":[]}',
      images: '[]',
      count: '0',
      'has-images': 'false',
      comment: 'no-pull-request',
    });
    expect(summaries[0]).toContain('_No image to build._');
  });

  it('forced push whose before is gone: every image, saying force-push', async () => {
    const after = commit('x', () => write(dir, 'docs/README.md', 'x\n'));
    const { ctx, outputs, logger } = context('push', {
      before: 'ab'.repeat(20),
      after,
      forced: true,
    });
    await planAction(ctx);
    expect(JSON.parse(outputs.images!)).toEqual(['api-server', 'web']);
    const reasons = (JSON.parse(outputs.matrix!) as { include: { reasons: string[] }[] })
      .include[0]!.reasons;
    expect(reasons[0]).toMatch(
      /^Changed files unknown \(force-push: commit abababababab is not in this clone's history/,
    );
    expect(logger.text()).toContain('Changed files unknown: force-push');
  });

  it('workflow_dispatch inputs from the event, overridden by action inputs', async () => {
    const a = context('workflow_dispatch', { inputs: { image: 'web', force: 'false' } });
    await planAction(a.ctx);
    expect(a.outputs.images).toBe('["web"]');
    const b = context('workflow_dispatch', { inputs: { image: 'web' } }, { image: 'all' });
    await planAction(b.ctx);
    expect(b.outputs.images).toBe('["api-server","web"]');
  });

  it('a definitions-path that does not exist fails and names it', async () => {
    const { ctx } = context('workflow_dispatch', { inputs: {} }, { 'definitions-path': 'images' });
    await expect(planAction(ctx)).rejects.toThrow(
      /Input 'definitions-path' of action 'plan': folder 'images' does not exist/,
    );
  });

  it('an unknown dispatch image fails with the valid names', async () => {
    const { ctx } = context('workflow_dispatch', { inputs: { image: 'nope' } });
    await expect(planAction(ctx)).rejects.toThrow('Valid images: api-server, web, or `all`.');
  });

  it('a definition referencing a deleted component: ConfigurationError at the definition line, annotated', async () => {
    const after = commit('delete', () => unlinkSync(join(dir, 'components/web.yml')));
    const { ctx, logger } = context('push', { before: first, after });
    const error = await planAction(ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).located).toMatch(
      /^components\/images\/web\.yml:9:11: Component file `components\/web\.yml` does not exist/,
    );
    expect(logger.lines.find((l) => l.level === 'error')?.properties).toMatchObject({
      file: 'components/images/web.yml',
      startLine: 9,
    });
  });
});

describe('event parsing', () => {
  it('reads the fields plan uses from each event', () => {
    expect(parseEvent('push', { before: 'a1', after: 'b2', forced: true })).toEqual({
      kind: 'push',
      base: 'a1',
      head: 'b2',
      forced: true,
    });
    expect(
      parseEvent('pull_request', { pull_request: { base: { sha: 'a1' }, head: { sha: 'b2' } } }),
    ).toEqual({ kind: 'pull_request', base: 'a1', head: 'b2' });
    expect(parseEvent('workflow_dispatch', { inputs: { image: 'web', force: true } })).toEqual({
      kind: 'workflow_dispatch',
      image: 'web',
      force: true,
    });
    expect(parseEvent('workflow_dispatch', { inputs: { image: '', force: 'TRUE' } })).toEqual({
      kind: 'workflow_dispatch',
      force: true,
    });
    expect(parseEvent('schedule', { schedule: '0 4 * * 1' })).toEqual({ kind: 'schedule' });
  });

  it('rejects other events, naming the supported ones', () => {
    expect(() => parseEvent('issues', {})).toThrow(
      "plan does not support the 'issues' event. Trigger it on push, pull_request, workflow_dispatch, schedule.",
    );
  });

  it('without GITHUB_EVENT_NAME (a local run) it is a manual run; an unreadable event file is a ConfigurationError', () => {
    expect(readEvent({})).toEqual({ kind: 'workflow_dispatch' });
    expect(() =>
      readEvent({
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: join(tmpdir(), 'no-such-event.json'),
      }),
    ).toThrow(ConfigurationError);
  });
});

/** The file's text at HEAD. */
function headText(file: string): string {
  return `${git(dir, 'show', `HEAD:${file}`)}\n`;
}
