/** An in-memory repository with an image fleet: base → web → app (Linux, two architectures) and Windows. */
import { imageGraph } from '../../actions/lib/definitions/graph.js';
import { planImages, type PlanInput } from '../../actions/lib/definitions/plan.js';
import { memoryRepo } from '../../actions/lib/definitions/repo-files.js';
import { validateDefinitions } from '../../actions/lib/definitions/validate-definitions.js';

const component = (name: string, platform: 'bash' | 'pwsh' = 'bash') => `name: ${name}
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Step
        action: ${platform === 'bash' ? 'ExecuteBash' : 'ExecutePowerShell'}
        inputs:
          commands:
            - echo ${name}
`;

export const FLEET: Record<string, string> = {
  'components/hardening.yml': component('hardening'),
  'components/web.yml': component('web'),
  'components/app.yml': component('app'),
  'components/win.yml': component('win', 'pwsh'),
  'stacks/app.yml': 'Resources: {}\n',
  'components/images/base-linux.yml': `name: base-linux
platform: Linux
parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
architectures:
  - x86_64
  - name: arm64
    parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64
    instanceTypes: [t4g.small]
components:
  - file: components/hardening.yml
ssmParameter: /golden-ami/base-linux
`,
  'components/images/web-server.yml': `name: web-server
platform: Linux
parentImage: image:base-linux
architectures: [x86_64, arm64]
components:
  - file: components/web.yml
ssmParameter: /golden-ami/web-server
stack:
  name: golden-ami-app-web-server
  template: stacks/app.yml
  parameters:
    InstanceType: t3.micro
`,
  'components/images/app.yml': `name: app
platform: Linux
parentImage: image:web-server
architectures: [arm64]
components:
  - file: components/app.yml
ssmParameter: /golden-ami/app
`,
  'components/images/windows.yml': `name: windows
platform: Windows
parentImage: ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base
components:
  - file: components/win.yml
ssmParameter: /golden-ami/windows
`,
};

/** The fleet with `changes` applied (a value of undefined deletes the file); validated and graphed. */
export function fleet(changes: Record<string, string | undefined> = {}) {
  const files = { ...FLEET };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete files[k];
    else files[k] = v;
  }
  const set = validateDefinitions(memoryRepo(files));
  return { files, set, graph: imageGraph(set.definitions) };
}

/**
 * planImages over a fresh fleet, a push with no changed files unless `over` says otherwise. Built
 * inside the call, so the work counts toward the calling test's coverage (mutation testing).
 */
export function planFleet(over: Partial<PlanInput> = {}) {
  const { set, graph } = fleet();
  return planImages({
    event: 'push',
    changedFiles: [],
    definitions: set.definitions,
    graph,
    ...over,
  });
}
