import { describe, expect, it } from '@jest/globals';
import { inputWhere, workspacePath, workspaceRoot } from '../../actions/lib/core/workspace.js';

const where = inputWhere('deploy-stack', 'template');

describe('workspacePath', () => {
  it('resolves relative and absolute paths inside the workspace', () => {
    expect(workspacePath('/ws', 'stacks/app.yml', where)).toBe('/ws/stacks/app.yml');
    expect(workspacePath('/ws', './a/../b.yml', where)).toBe('/ws/b.yml');
    expect(workspacePath('/ws', '/ws/c.yml', where)).toBe('/ws/c.yml');
    expect(workspacePath('/ws', '..foo/x.yml', where)).toBe('/ws/..foo/x.yml');
  });

  it('refuses a path outside the workspace, naming the input and the action', () => {
    for (const p of ['../other/app.yml', '/etc/passwd', 'a/../../x', '..'])
      expect(() => workspacePath('/ws', p, where)).toThrow(
        `Input 'template' of action 'deploy-stack': '${p}' is outside the workspace /ws.`,
      );
  });

  it('the workspace is GITHUB_WORKSPACE, else the current folder', () => {
    expect(workspaceRoot({ GITHUB_WORKSPACE: '/ws/checkout' })).toBe('/ws/checkout');
    expect(workspaceRoot({})).toBe(process.cwd());
  });
});
