/** deploy-stack's parameter-overrides and capabilities inputs at their edges. */
import { describe, it, expect } from '@jest/globals';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import {
  checkTemplateSize,
  overridesIsFile,
  parseCapabilities,
  parseOverrideFile,
  parseOverrideLines,
} from '../../../actions/lib/cloudformation/deploy/inputs.js';

describe('parameter-overrides', () => {
  it('is a file when it is one line that is file://… or has no =', () => {
    expect(overridesIsFile('  params.json  ')).toBe('params.json');
    expect(overridesIsFile('file://a=b.json')).toBe('a=b.json');
    expect(overridesIsFile('A=1')).toBeUndefined();
    expect(overridesIsFile('')).toBeUndefined();
    expect(overridesIsFile('   ')).toBeUndefined();
    expect(overridesIsFile('a.json\nb.json')).toBeUndefined();
  });

  it('reads lines with CRLF, spaces around key and value, comments and blank lines', () => {
    expect(parseOverrideLines(' A = 1 \r\n\r\n  # c\r\nB==x= \n')).toEqual([
      { ParameterKey: 'A', ParameterValue: '1' },
      { ParameterKey: 'B', ParameterValue: '=x=' },
    ]);
    expect(parseOverrideLines('Empty=')).toEqual([{ ParameterKey: 'Empty', ParameterValue: '' }]);
  });

  it('names the line of a bad entry, with the rule', () => {
    expect(() => parseOverrideLines('A=1\n\n=2')).toThrow(
      "parameter-overrides line 3 must be Key=Value (one a line; commas in the value are fine), got '=2'.",
    );
  });

  it('points every parameter file error at the file', () => {
    for (const bad of ['{', '[{"ParameterKey":"A"}]', '{"A":null}', '3']) {
      const err = (() => {
        try {
          parseOverrideFile(bad, 'params/app.json');
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as ConfigurationError).file).toBe('params/app.json');
    }
  });

  it('names what is wrong in a parameter file', () => {
    const shape = 'expected [{"ParameterKey":"K","ParameterValue":"V"}] or {"K":"V"}';
    expect(() => parseOverrideFile('{', 'p.json')).toThrow(/^Parameter file is not JSON: /);
    expect(() => parseOverrideFile('[{"ParameterKey":"A"}]', 'p.json')).toThrow(
      `Parameter file entry 1 is not a parameter: ${shape}.`,
    );
    expect(() =>
      parseOverrideFile('[{"ParameterKey":"A","ParameterValue":"1"},null]', 'p'),
    ).toThrow('entry 2 is not a parameter');
    expect(() => parseOverrideFile('[{"ParameterKey":1,"ParameterValue":"1"}]', 'p')).toThrow(
      'entry 1',
    );
    expect(() => parseOverrideFile('[{"ParameterKey":"A","UsePreviousValue":"yes"}]', 'p')).toThrow(
      'entry 1',
    );
    expect(() => parseOverrideFile('{"A":{"x":1}}', 'p.json')).toThrow(
      `Parameter 'A' in the parameter file must be a string, number or boolean: ${shape}.`,
    );
    expect(() => parseOverrideFile('{"A":null}', 'p.json')).toThrow("Parameter 'A'");
    for (const bad of ['"text"', '3', 'null'])
      expect(() => parseOverrideFile(bad, 'p.json')).toThrow(
        `Parameter file has the wrong shape: ${shape}.`,
      );
    expect(parseOverrideFile('{"On":true,"N":0}', 'p')).toEqual([
      { ParameterKey: 'On', ParameterValue: 'true' },
      { ParameterKey: 'N', ParameterValue: '0' },
    ]);
    expect(parseOverrideFile('[]', 'p')).toEqual([]);
  });
});

describe('capabilities', () => {
  it('accepts lines, commas and spaces; none in any case; every known capability', () => {
    expect(parseCapabilities('')).toEqual(['CAPABILITY_IAM']);
    expect(parseCapabilities(' , \n')).toEqual(['CAPABILITY_IAM']);
    expect(parseCapabilities('NONE')).toEqual([]);
    expect(
      parseCapabilities('CAPABILITY_IAM\nCAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND'),
    ).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND']);
    // none with others is not none.
    expect(() => parseCapabilities('none CAPABILITY_IAM')).toThrow(
      "Unknown capability 'none': use CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND or none.",
    );
  });
});

describe('template size', () => {
  it('counts bytes, not characters, and names the file', () => {
    // 'é' is two bytes in UTF-8: 25,601 of them are 51,202 bytes.
    let err: unknown;
    try {
      checkTemplateSize('é'.repeat(25_601), 'stacks/app.yml');
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toMatch(
      /^Template is 51202 bytes; CloudFormation accepts at most 51200 bytes inline \(TemplateBody\)\./,
    );
    expect(err).toMatchObject({ file: 'stacks/app.yml' });
  });
});
