/**
 * The AWS calls our actions' code can make, read from its source: every `new XCommand(` and
 * `paginateX(` of an `@aws-sdk/client-<service>` import in actions/lib, as the IAM action
 * `<service>:X` (for the services the pipeline calls, the operation and the action have the same
 * name). A grant no scenario used but the code calls guards a path the scenarios do not take (a
 * race, a quota): the audit keeps it and names the file, so a scenario can be added for it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const PREFIX: Record<string, string> = {
  imagebuilder: 'imagebuilder',
  ssm: 'ssm',
  ec2: 'ec2',
  cloudformation: 'cloudformation',
  sts: 'sts',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** IAM action → the source files that call it. */
export function codeCalls(repoRoot: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of files(join(repoRoot, 'actions/lib'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g,
    )) {
      const prefix = PREFIX[m[2]!];
      if (!prefix) continue;
      for (const raw of m[1]!.split(',')) {
        const name = raw.trim().replace(/^type\s+/, '');
        const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (!op || !new RegExp(`\\b(new ${name}\\(|${name}\\()`).test(text)) continue;
        const action = `${prefix}:${op}`;
        out.set(action, [...new Set([...(out.get(action) ?? []), relative(repoRoot, file)])]);
      }
    }
  }
  return out;
}
