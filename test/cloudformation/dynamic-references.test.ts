import { describe, it, expect } from '@jest/globals';
import {
  DynamicReferenceError,
  findDynamicReferences,
  isVersioned,
  listDynamicReferences,
  resolveDynamicReferences,
} from '../../actions/lib/cloudformation/dynamic-references.js';

describe('findDynamicReferences', () => {
  it('parses names with slashes, versions, and Sub variables', () => {
    const refs = findDynamicReferences(
      'a {{resolve:ssm:/golden-ami/web:12}} b {{resolve:ssm:${Name}:${Version}}} {{resolve:ssm-secure:/db/pw}}',
    );
    expect(refs).toMatchObject([
      { service: 'ssm', name: '/golden-ami/web', version: '12', offset: 2 },
      { service: 'ssm', name: '${Name}', version: '${Version}' },
      { service: 'ssm-secure', name: '/db/pw' },
    ]);
    expect(refs[2]!.version).toBeUndefined();
    expect(refs.map(isVersioned)).toEqual([true, true, false]);
  });

  it('parses Secrets Manager references, ARNs included', () => {
    const [byName, byArn] = findDynamicReferences(
      '{{resolve:secretsmanager:MyDb:SecretString:password}}{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123:secret:MyDb-AbC:SecretString:user:AWSPREVIOUS}}',
    );
    expect(byName).toMatchObject({
      service: 'secretsmanager',
      name: 'MyDb',
      secretString: 'SecretString',
      jsonKey: 'password',
    });
    expect(byArn).toMatchObject({
      name: 'arn:aws:secretsmanager:eu-west-1:123:secret:MyDb-AbC',
      jsonKey: 'user',
      versionStage: 'AWSPREVIOUS',
    });
  });

  it('treats a label as an unversioned (invalid) reference', () => {
    const [ref] = findDynamicReferences('{{resolve:ssm:/golden-ami/web:prod}}');
    expect(ref).toMatchObject({ name: '/golden-ami/web', version: 'prod' });
    expect(isVersioned(ref!)).toBe(false);
  });
});

describe('resolveDynamicReferences', () => {
  const store: Record<string, string[]> = { '/golden-ami/web': ['ami-1', 'ami-2', 'ami-3'] };
  const resolver = {
    ssm: (name: string, version: number | undefined) => {
      const versions = store[name];
      return versions?.[(version ?? versions.length) - 1];
    },
  };

  it('substitutes pinned and latest values', async () => {
    await expect(
      resolveDynamicReferences(
        'x {{resolve:ssm:/golden-ami/web:2}} y {{resolve:ssm:/golden-ami/web}}',
        resolver,
      ),
    ).resolves.toBe('x ami-2 y ami-3');
  });

  it('fails with a typed error naming the reference', async () => {
    await expect(resolveDynamicReferences('{{resolve:ssm:/nope:1}}', resolver)).rejects.toThrow(
      DynamicReferenceError,
    );
    await expect(
      resolveDynamicReferences('{{resolve:ssm:/golden-ami/web:x}}', resolver),
    ).rejects.toThrow(/whole number/);
    await expect(
      resolveDynamicReferences('{{resolve:secretsmanager:s}}', resolver),
    ).rejects.toThrow(/no Secrets Manager resolver/);
  });
});

describe('listDynamicReferences', () => {
  it('gives the path of each reference and whether it sits in a Sub', () => {
    const template = {
      Resources: {
        Web: {
          Properties: {
            ImageId: { 'Fn::Sub': '{{resolve:ssm:${N}:${V}}}' },
            UserData: ['{{resolve:ssm:/x}}'],
          },
        },
      },
    };
    expect(listDynamicReferences(template).map((r) => [r.path.join('/'), r.inSub])).toEqual([
      ['Resources/Web/Properties/ImageId/Fn::Sub', true],
      ['Resources/Web/Properties/UserData/0', false],
    ]);
  });
});
