import { describe, it, expect } from '@jest/globals';
import { Inputs } from '../../actions/lib/core/inputs.js';

const inputs = (vals: Record<string, string>) => new Inputs((n) => vals[n] ?? '', 'wait-image');

describe('Inputs.number', () => {
  it('reads whole and decimal numbers, or the fallback when empty', () => {
    const i = inputs({ a: '0.5', b: '12', c: '.25' });
    expect(i.number('a')).toBe(0.5);
    expect(i.number('b')).toBe(12);
    expect(i.number('c')).toBe(0.25);
    expect(i.number('missing', { fallback: 120 })).toBe(120);
  });
  it('names the input, the value and the range in its errors', () => {
    const i = inputs({ t: '1e3', low: '0.01', none: '' });
    expect(() => i.number('t')).toThrow(
      "Input 't' of action 'wait-image' must be a number, got '1e3'.",
    );
    expect(() => i.number('low', { min: 0.05 })).toThrow('must be at least 0.05, got 0.01.');
    expect(() => i.number('none')).toThrow('is required: a number.');
  });
});

describe('Inputs.region and Inputs.imageBuildVersionArn', () => {
  const arn = 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.2.3/4';
  it('return the values that match', () => {
    const i = inputs({ region: 'eu-west-1', 'image-build-version-arn': arn });
    expect(i.region()).toBe('eu-west-1');
    expect(i.imageBuildVersionArn()).toBe(arn);
  });
  it('name the action, the input and the bad value, and say what to pass', () => {
    const i = inputs({ region: 'europe', 'image-build-version-arn': arn.replace('/4', '') });
    expect(() => i.region()).toThrow(
      "Input 'region' of action 'wait-image' must be an AWS region like eu-west-1, got 'europe'.",
    );
    expect(() => i.imageBuildVersionArn()).toThrow(
      "must be an image build version ARN (…:image/<name>/x.y.z/<build>), got 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.2.3'. Pass build-image's output.",
    );
    expect(() => inputs({}).region()).toThrow("Input 'region' of action 'wait-image' is required");
  });
});

describe('Inputs.region with a fallback, Inputs.regions and Inputs.durationMs', () => {
  it('uses the fallback only when the input is empty, and checks it the same way', () => {
    expect(inputs({}).region('region', 'us-west-2')).toBe('us-west-2');
    expect(inputs({ region: 'eu-west-1' }).region('region', 'us-west-2')).toBe('eu-west-1');
    expect(() => inputs({}).region('region', 'nowhere')).toThrow(
      "Input 'region' of action 'wait-image' must be an AWS region like eu-west-1, got 'nowhere'.",
    );
    expect(() => inputs({}).region('region', '  ')).toThrow(
      "Input 'region' of action 'wait-image' is required: an AWS region like eu-west-1.",
    );
  });

  it('reads region lists separated by commas, spaces or lines, skipping comment lines', () => {
    const i = inputs({ dr: 'eu-west-1, eu-central-1\n# the far one\nus-west-2 ap-south-1' });
    expect(i.regions('dr')).toEqual(['eu-west-1', 'eu-central-1', 'us-west-2', 'ap-south-1']);
    expect(inputs({}).regions('dr')).toEqual([]);
    expect(() => inputs({ dr: 'eu-west-1,europe' }).regions('dr')).toThrow(
      "Input 'dr' of action 'wait-image' must be an AWS region like eu-west-1, got 'europe'.",
    );
  });

  it('converts minutes and seconds to milliseconds, fractions included, within the bounds', () => {
    const opts = { fallback: 2, min: 0.05, max: 60 };
    expect(inputs({ t: '0.5' }).durationMs('t', 'minutes', opts)).toBe(30_000);
    expect(inputs({ t: '90' }).durationMs('t', 'seconds', { ...opts, max: 3600 })).toBe(90_000);
    expect(inputs({}).durationMs('t', 'minutes', opts)).toBe(120_000);
    expect(() => inputs({ t: '61' }).durationMs('t', 'minutes', opts)).toThrow(
      "Input 't' of action 'wait-image' must be at most 60, got 61.",
    );
  });
});
