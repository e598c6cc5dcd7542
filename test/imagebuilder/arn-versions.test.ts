/** A component build ARN names its semantic version: build numbers are dropped, nothing else. */
import { describe, it, expect } from '@jest/globals';
import { semanticVersionArn } from '../../actions/lib/imagebuilder/arns.js';
import { componentArn } from './helpers.js';

describe('the semantic version ARN of a component build', () => {
  it('drops a build number of any length, for versions with multi-digit parts', () => {
    expect(semanticVersionArn(componentArn('web', '10.20.30', 12))).toBe(
      componentArn('web', '10.20.30'),
    );
    expect(semanticVersionArn(componentArn('web', '1.0.0', 7))).toBe(componentArn('web', '1.0.0'));
  });

  it('leaves an ARN alone when what follows the version is not a build number', () => {
    const odd = `${componentArn('web', '1.2.3')}/latest`;
    expect(semanticVersionArn(odd)).toBe(odd);
  });
});
