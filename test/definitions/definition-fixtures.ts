/** Image definition texts for the loader tests: a full valid one, a minimal one, and helpers. */
import { expect } from '@jest/globals';
import { loadImageDefinition } from '../../actions/lib/definitions/load.js';
import type { Finding } from '../../actions/lib/core/findings.js';

export const FILE = 'components/images/web-server.yml';

export const VALID = `name: web-server
description: Apache on Amazon Linux 2023
platform: Linux
parentImage: arn:\${AWS::Partition}:imagebuilder:\${AWS::Region}:aws:image/amazon-linux-2023-x86/x.x.x
version: 1.0.0
components:
  - arn: arn:\${AWS::Partition}:imagebuilder:\${AWS::Region}:aws:component/update-linux/x.x.x
  - file: components/apache-install.yml
    parameters:
      IndexTitle: Golden AMI
      Port: 8080
  - file: components/apache-test.yml
    version: 1.2.0
workingDirectory: /tmp
blockDeviceMappings:
  - deviceName: /dev/xvda
    ebs: { volumeSize: 20, volumeType: gp3, encrypted: true, deleteOnTermination: true }
ssmParameter: /golden-ami/web-server
stack:
  name: golden-ami-web-server
  template: stacks/app-ec2.yml
  parameters:
    InstanceType: t3.micro
tags:
  team: platform
`;

export function load(text: string, file = FILE) {
  return loadImageDefinition(text, file);
}

export function only(findings: Finding[]): Finding {
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

/** A minimal valid definition with `extra` lines appended (line numbers: extra starts at line 6). */
export function minimal(extra = ''): string {
  return `platform: Linux
parentImage: ami-0123456789abcdef0
components:
  - file: components/app.yml
ssmParameter: /golden-ami/x
${extra}`;
}
