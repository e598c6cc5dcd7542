import { describe, it, expect } from '@jest/globals';
import { instanceArchitecture } from '../../scripts/local-aws/services/instance-types.js';

describe('instanceArchitecture', () => {
  it('knows Graviton families by the g after the generation, A1 and Apple silicon Macs', () => {
    for (const t of ['t4g.small', 'm7g.large', 'c6gn.xlarge', 'm6gd.2xlarge', 'x2gd.medium'])
      expect([t, instanceArchitecture(t)]).toEqual([t, 'arm64']);
    for (const t of ['im4gn.large', 'is4gen.large', 'g5g.xlarge', 'hpc7g.4xlarge', 'a1.medium'])
      expect([t, instanceArchitecture(t)]).toEqual([t, 'arm64']);
    expect(instanceArchitecture('mac2-m2pro.metal')).toBe('arm64');
  });

  it('takes the rest for x86_64, GPU and Inferentia families included', () => {
    for (const t of [
      't3.micro',
      'm5.large',
      'c7i.xlarge',
      'g4dn.xlarge',
      'inf2.xlarge',
      'mac1.metal',
    ])
      expect([t, instanceArchitecture(t)]).toEqual([t, 'x86_64']);
  });

  it('does not guess for what is not shaped like an instance type', () => {
    expect(instanceArchitecture('large')).toBeUndefined();
    expect(instanceArchitecture('T3.micro')).toBeUndefined();
  });
});
