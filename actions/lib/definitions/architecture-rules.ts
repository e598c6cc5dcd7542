/**
 * Rules on a definition's `architectures:` and `stack.architecture`: unique entries, valid parents,
 * instance types of the entry's architecture, a stack architecture the definition builds.
 */
import type { Finding } from '../core/findings.js';
import type { YamlSource } from '../yaml/source.js';
import { parentImageProblem } from './rules.js';
import type { Architecture, ImageDefinition } from './types.js';
import { findingAtPath } from './yaml-path.js';

/** EC2 instance type: `<family>.<size>`, e.g. t3.micro, c6gn.large, m7i-flex.xlarge. */
const INSTANCE_TYPE = /^([a-z][a-z0-9-]*)\.([a-z0-9]+)$/;

/**
 * The architecture of an instance type's family, or undefined when it is not one EC2 names.
 * Graviton (arm64) families carry `g` among the attribute letters after the generation digit
 * (t4g, m7g, c6gn, x2gd, is4gen, g5g) and a1 is the first Graviton; every other family is x86_64
 * (EC2 User Guide, "Instance type naming conventions").
 */
export function instanceTypeArchitecture(instanceType: string): Architecture | undefined {
  const m = INSTANCE_TYPE.exec(instanceType);
  if (!m) return undefined;
  const family = m[1]!;
  if (family === 'a1') return 'arm64';
  const parts = /^[a-z]+\d+([a-z-]*)$/.exec(family.replace(/-flex$/, ''));
  if (!parts) return 'x86_64';
  return parts[1]!.includes('g') ? 'arm64' : 'x86_64';
}

export function architectureFindings(src: YamlSource, d: ImageDefinition): Finding[] {
  const out: Finding[] = [];
  const err = (path: (string | number)[], rule: string, message: string) =>
    out.push(findingAtPath(src, path, 'error', rule, message));
  const seen = new Map<Architecture, number>();
  (d.architectures ?? []).forEach((a, i) => {
    const first = seen.get(a.name);
    if (first !== undefined)
      err(
        ['architectures', i],
        'definition/duplicate-architecture',
        `Architecture \`${a.name}\` is listed twice (entries ${first + 1} and ${i + 1}); each architecture is one build. Remove one, or merge their settings.`,
      );
    else seen.set(a.name, i);
    if (a.parentImage) {
      const p = parentImageProblem(a.parentImage);
      if (p)
        err(
          ['architectures', i, 'parentImage'],
          'definition/parent-image',
          `parentImage \`${a.parentImage}\` of architecture ${a.name} is not valid: ${p}`,
        );
    }
    (a.instanceTypes ?? []).forEach((t, j) => {
      const arch = instanceTypeArchitecture(t);
      const at = ['architectures', i, 'instanceTypes', j];
      if (!arch)
        err(
          at,
          'definition/instance-type',
          `\`${t}\` is not an EC2 instance type; write <family>.<size>, e.g. ${a.name === 'arm64' ? 't4g.small' : 't3.small'}.`,
        );
      else if (arch !== a.name)
        err(
          at,
          'definition/instance-type',
          `Instance type \`${t}\` is ${arch}, but this entry builds ${a.name}; Image Builder cannot launch it for this architecture. Use a${a.name === 'arm64' ? ' Graviton type such as t4g.small or m7g.large' : 'n x86_64 type such as t3.small or m7i.large'}, or move it to the ${arch} entry.`,
        );
    });
  });
  const stackArch = d.stack?.architecture;
  if (stackArch && !seen.has(stackArch)) {
    const listed = [...seen.keys()];
    err(
      ['stack', 'architecture'],
      'definition/stack-architecture',
      listed.length
        ? `The stack deploys architecture ${stackArch}, which this image does not build (architectures: ${listed.join(', ')}). Add it to \`architectures:\`, or pick one listed.`
        : `\`stack.architecture\` needs \`architectures:\` in the definition (without it the image has one build, of its parent's architecture). List the architectures, or remove \`stack.architecture\`.`,
    );
  }
  return out;
}
