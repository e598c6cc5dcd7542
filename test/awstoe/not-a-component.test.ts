/** Issue 11 part 1: a file under components/ that is not a component says what it looks like. */
import { describe, expect, it } from '@jest/globals';
import { validateComponent } from '../../actions/lib/awstoe/index.js';

const v = (text: string) => validateComponent(text, 'components/x.yml');
const first = (text: string) => v(text).find((f) => f.severity === 'error');

describe('documents that are not components', () => {
  it('an empty file, or one with only comments', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) {
      expect(first(text)).toMatchObject({ rule: 'awstoe/root-not-mapping', line: 1 });
      expect(first(text)!.message).toMatch(/empty/);
    }
  });

  it('a list at the root, recognising phases and steps', () => {
    expect(first('- name: build\n  steps: []\n')!.message).toMatch(
      /list at the root.*look like phases/,
    );
    expect(first('- name: a\n  action: ExecuteBash\n')!.message).toMatch(/look like steps/);
    expect(first('- a\n- b\n')!.message).toMatch(/list at the root/);
  });

  it('a single value at the root', () => {
    expect(first('just a sentence\n')!.message).toMatch(/single value \(a string\)/);
  });

  it('a CloudFormation template, naming the component resource and its Data line', () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Hello:',
      '    Type: AWS::ImageBuilder::Component',
      '    Properties:',
      '      Platform: Linux',
      '      Data: |',
      '        schemaVersion: 1.0',
    ].join('\n');
    const f = v(text);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'awstoe/not-a-component', severity: 'error' });
    expect(f[0]!.message).toMatch(/CloudFormation template.*`Hello` \(its `Data` at line 7\)/);
  });

  it('an Image Builder workflow, an SSM document, an image definition, a GitHub workflow', () => {
    expect(first('steps:\n  - name: Launch\n    action: LaunchInstance\n')!.message).toMatch(
      /Image Builder workflow document/,
    );
    expect(first("schemaVersion: '2.2'\nmainSteps: []\n")!.message).toMatch(/SSM/);
    expect(first('parentImage: ami-1\ncomponents: []\n')!.message).toMatch(
      /image definition.*components\/images/,
    );
    expect(first('on: push\njobs: {}\n')!.message).toMatch(/GitHub Actions workflow/);
    expect(first('name: x\nsteps:\n  - name: a\n    action: ExecuteBash\n')!.message).toMatch(
      /steps without phases/,
    );
  });

  it('a mapping with no phases lists its keys and suggests a near miss', () => {
    const f = first('schemaVersion: 1.0\nname: x\n')!;
    expect(f).toMatchObject({ rule: 'awstoe/missing-phases' });
    expect(f.message).toMatch(/no `phases` \(its top-level keys: schemaVersion, name\)/);
    expect(first('schemaVersion: 1.0\nphase:\n  - name: build\n')!.message).toMatch(
      /Did you mean `phases`\?/,
    );
  });

  it('recognition does not depend on layout: indented and flow-style documents are components', () => {
    const indented =
      '  schemaVersion: 1.0\n  phases:\n    - name: build\n      steps:\n        - name: a\n          action: ExecuteBash\n          inputs:\n            commands: [echo hi]\n';
    const flow =
      '{schemaVersion: 1.0, phases: [{name: build, steps: [{name: a, action: ExecuteBash, inputs: {commands: [echo]}}]}]}\n';
    expect(v(indented)).toEqual([]);
    expect(v(flow)).toEqual([]);
  });
});
