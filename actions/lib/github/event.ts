/**
 * The triggering event, read from the JSON file the runner writes at `GITHUB_EVENT_PATH`. We read
 * it ourselves rather than through @actions/github's `context`: only the plan action's pull-request
 * comment needs Octokit (pr-comment.ts), and the other bundles should not carry it to read a file.
 */
import { readFileSync } from 'node:fs';
import { ConfigurationError, errorMessage } from '../core/errors.js';
import { EVENT_KINDS, type EventKind } from '../definitions/plan.js';

export interface TriggerEvent {
  kind: EventKind;
  /** The commit range to diff: push `before..after`, pull request `base..head`. */
  base?: string;
  head?: string;
  /** A push that rewrote history (`git push --force`). */
  forced?: boolean;
  /** The pull request of a pull_request event: where its comment goes, and whether it is a fork's. */
  pullRequest?: PullRequestRef;
  /** workflow_dispatch inputs. */
  image?: string;
  force?: boolean;
}

export interface PullRequestRef {
  number: number;
  /** `owner/name` of the repository the pull request is opened against. */
  repository: string;
  /** `owner/name` the head branch lives in; '' when that fork was deleted. */
  headRepository: string;
  /**
   * From another repository: its workflows get a read-only GITHUB_TOKEN, so the comment cannot be
   * written (docs: "Permissions for the GITHUB_TOKEN": pull requests from public forks).
   */
  fromFork: boolean;
}

const ZERO_SHA = /^0+$/;

export function isZeroSha(sha: string | undefined): boolean {
  return sha !== undefined && ZERO_SHA.test(sha);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

/** Workflow inputs of type boolean arrive as booleans; older/`string` ones as 'true'/'false'. */
function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

export function parseEvent(name: string, payload: unknown): TriggerEvent {
  if (!(EVENT_KINDS as readonly string[]).includes(name)) {
    throw new ConfigurationError(
      `plan does not support the '${name}' event. Trigger it on ${EVENT_KINDS.join(', ')}.`,
    );
  }
  const kind = name as EventKind;
  const p = obj(payload);
  switch (kind) {
    case 'push': {
      const forced = bool(p.forced);
      return {
        kind,
        base: str(p.before),
        head: str(p.after),
        ...(forced !== undefined ? { forced } : {}),
      };
    }
    case 'pull_request': {
      const pr = obj(p.pull_request);
      const repository = str(obj(p.repository).full_name) ?? str(obj(obj(pr.base).repo).full_name);
      const headRepository = str(obj(obj(pr.head).repo).full_name) ?? '';
      const number = typeof pr.number === 'number' ? pr.number : Number(p.number);
      return {
        kind,
        base: str(obj(pr.base).sha),
        head: str(obj(pr.head).sha),
        ...(Number.isInteger(number) && number > 0 && repository
          ? {
              pullRequest: {
                number,
                repository,
                headRepository,
                fromFork: headRepository !== repository,
              },
            }
          : {}),
      };
    }
    case 'workflow_dispatch': {
      const inputs = obj(p.inputs);
      const force = bool(inputs.force);
      return {
        kind,
        ...(str(inputs.image) ? { image: str(inputs.image) } : {}),
        ...(force !== undefined ? { force } : {}),
      };
    }
    case 'schedule':
      return { kind };
  }
}

/**
 * The event from the runner's environment. Without `GITHUB_EVENT_NAME` (a local run) it is a
 * manual run, as if dispatched.
 */
export function readEvent(env: NodeJS.ProcessEnv): TriggerEvent {
  const name = env.GITHUB_EVENT_NAME;
  if (!name) return { kind: 'workflow_dispatch' };
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return parseEvent(name, {});
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read the event file GITHUB_EVENT_PATH=${path}: ${errorMessage(e)}.`,
    );
  }
  return parseEvent(name, payload);
}
