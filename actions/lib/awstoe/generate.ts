/**
 * A realistic, valid ~2 KB component document for benchmarks and fuzz tests: parameters, a
 * constant, a download, a forEach loop, an `if`, chaining and validate/test phases. Deterministic in `i`.
 */
const PACKAGES = ['jq', 'tar', 'gzip', 'unzip', 'curl', 'git', 'htop', 'vim', 'wget', 'rsync'];

export function generateComponentDocument(i: number): string {
  const n = Math.abs(Math.trunc(i));
  const pkgs = [0, 3, 7].map((k) => PACKAGES[(n + k) % PACKAGES.length]).join(',');
  const app = `app-${n}`;
  return `name: generated-component-${n}
description: Installs ${app} with its tools, configures it and checks the result (generated ${n}).
schemaVersion: 1.0
parameters:
  - AppVersion:
      type: string
      default: '1.${n % 10}.${n % 7}'
      description: Version of ${app} to install.
  - Packages:
      type: string
      default: '${pkgs}'
      description: Comma-separated packages to install first.
constants:
  - InstallRoot:
      type: string
      value: /opt/${app}
phases:
  - name: build
    steps:
      - name: InstallPackages
        action: ExecuteBash
        loop:
          name: pkg
          forEach:
            list: '{{ Packages }}'
            delimiter: ','
        inputs:
          commands:
            - dnf -y install "{{ pkg.value }}"
      - name: CreateRoot
        action: CreateFolder
        inputs:
          - path: '{{ InstallRoot }}'
            permissions: 0755
      - name: Download
        action: WebDownload
        maxAttempts: 3
        inputs:
          - source: https://downloads.example.com/${app}/{{ AppVersion }}/${app}.tar.gz
            destination: /tmp/${app}.tar.gz
      - name: Extract
        action: ExecuteBash
        timeoutSeconds: 600
        onFailure: Abort
        inputs:
          commands:
            - tar -xzf {{ build.Download.outputs.destination }} -C {{ InstallRoot }}
            - echo "{{ InstallRoot }}/bin/${app}"
      - name: ConfigureSystemd
        action: CreateFile
        if:
          binaryExists: systemctl
        inputs:
          - path: /etc/systemd/system/${app}.service
            content: |
              [Service]
              ExecStart={{ build.Extract.outputs.stdout }} --port ${8000 + (n % 1000)}
            overwrite: true
  - name: validate
    steps:
      - name: CheckBinary
        action: ExecuteBash
        inputs:
          commands:
            - test -x {{ InstallRoot }}/bin/${app}
  - name: test
    steps:
      - name: CheckVersion
        action: ExecuteBash
        if:
          and:
            - fileExists: /etc/systemd/system/${app}.service
            - not:
                stringIsEmpty: '{{ AppVersion }}'
        inputs:
          commands:
            - ${app} --version | grep -F '{{ AppVersion }}'
`;
}
