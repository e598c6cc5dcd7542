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
