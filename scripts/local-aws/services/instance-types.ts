/**
 * The processor architecture of an EC2 instance type, from its family (the part before the dot),
 * as `aws ec2 describe-instance-types` reports `ProcessorInfo.SupportedArchitectures`: AWS
 * Graviton families carry a `g` after the generation digit (t4g, m7g, c6gn, m6gd, x2gd, im4gn,
 * is4gen, g5g, hpc7g), A1 is the first Graviton; Apple silicon Macs (mac2, mac2-m2, mac2-m2pro)
 * are arm64; everything else here is x86_64 (t3, m5, c7i, g4dn, inf2, mac1).
 */
export type Architecture = 'x86_64' | 'arm64';

const TYPE = /^([a-z][a-z0-9-]*)\.[a-z0-9]+$/;

/** undefined when `type` is not shaped like an instance type (`family.size`). */
export function instanceArchitecture(type: string): Architecture | undefined {
  const family = TYPE.exec(type)?.[1];
  if (!family) return undefined;
  if (family === 'a1' || /^mac2/.test(family) || /^[a-z]+[0-9]+g[a-z]*$/.test(family))
    return 'arm64';
  return 'x86_64';
}
