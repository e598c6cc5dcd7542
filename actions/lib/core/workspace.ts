/**
 * Paths in inputs are relative to the calling repository's checkout (GITHUB_WORKSPACE), never to
 * the action's own folder: used as `owner/imagebuilder-gitops/actions/x@v1`, an action lives in
 * the runner's `_actions/` cache, while the consumer's files are in the workspace. Outside Actions
 * (the CLI, tests) the workspace is the current folder.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigurationError } from './errors.js';

export function workspaceRoot(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_WORKSPACE || process.cwd();
}

/**
 * The absolute path of `path` (relative to the workspace, or absolute inside it). A path that
 * leaves the workspace is a ConfigurationError saying where the path came from: `what` is e.g.
 * `inputWhere('deploy-stack', 'template')`, or "Component file of components/images/web.yml".
 */
export function workspacePath(root: string, path: string, what: string): string {
  const abs = resolve(root, path);
  const rel = relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${'/'}`) || isAbsolute(rel)) {
    throw new ConfigurationError(
      `${what}: '${path}' is outside the workspace ${root}. ` +
        `Give a path inside the checked-out repository, relative to its root (e.g. components/images/web.yml).`,
    );
  }
  return abs;
}

/** "Input 'template' of action 'deploy-stack'", as the shared Inputs errors say it. */
export function inputWhere(action: string, input: string): string {
  return `Input '${input}' of action '${action}'`;
}
