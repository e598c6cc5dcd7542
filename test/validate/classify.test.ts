import { describe, expect, it } from '@jest/globals';
import { classifyByContent, classifyByPath } from '../../actions/lib/validate/classify.js';

describe('classifyByPath', () => {
  it.each([
    ['components/apache-install.yml', 'component'],
    ['components/sub/dir/x.yaml', 'component'],
    ['components/images/web-server.yml', 'definition'],
    ['stacks/app-ec2.yml', 'template'],
    ['stacks/app.json', 'template'],
    ['.github/workflows/pr-checks.yml', 'workflow'],
    ['README.md', undefined],
    ['components/readme.txt', undefined],
  ])('%s → %s', (path, kind) => {
    expect(classifyByPath(path)).toBe(kind);
  });
});

describe('classifyByContent', () => {
  it('recognises each kind by its top-level keys', () => {
    expect(classifyByContent("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")).toBe(
      'template',
    );
    expect(classifyByContent('{\n  "Resources": {}\n}')).toBe('template');
    expect(classifyByContent('on: push\njobs: {}\n')).toBe('workflow');
    expect(classifyByContent('schemaVersion: 1.0\nphases: []\n')).toBe('component');
    expect(classifyByContent('parentImage: x\ncomponents: []\n')).toBe('definition');
    expect(classifyByContent('just: data\n')).toBeUndefined();
  });
});

describe('classification does not depend on layout', () => {
  it('every YAML or JSON file under components/ (outside images/) is a component', () => {
    expect(classifyByPath('components/notes.json')).toBe('component');
    expect(classifyByPath('components/images/x.json')).toBeUndefined();
  });

  it('reads top-level keys with a YAML parser: indented, flow style, JSON, custom tags', () => {
    expect(classifyByContent('  schemaVersion: 1.0\n  phases: []\n')).toBe('component');
    expect(classifyByContent('{schemaVersion: 1.0, phases: []}')).toBe('component');
    expect(classifyByContent('{"phases": [], "schemaVersion": "1.0"}')).toBe('component');
    expect(classifyByContent('Resources:\n  B:\n    Type: !Ref X\n')).toBe('template');
    // A nested `phases:` is not a top-level key.
    expect(classifyByContent('data:\n  phases: []\n')).toBeUndefined();
  });
});
