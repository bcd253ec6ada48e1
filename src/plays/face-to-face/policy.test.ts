import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { defaultFaceToFacePolicy, faceToFacePolicySchema } from './policy';

const pointers = (input: unknown) => {
  const result = faceToFacePolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('face-to-face policy', () => {
  it('parses its default to an equal value', () => {
    expect(faceToFacePolicySchema.parse(defaultFaceToFacePolicy)).toEqual(defaultFaceToFacePolicy);
  });

  it('has the defaults of DESIGN §1', () => {
    expect(defaultFaceToFacePolicy.channelWeights).toEqual({
      'in-person': 1,
      video: 0.6,
      phone: 0.4,
      email: 0.15,
      letter: 0.15,
      fax: 0.15,
      portal: 0.15,
    });
    expect(defaultFaceToFacePolicy.enabled).toBe(true);
    expect(defaultFaceToFacePolicy.scoreWeight).toBe(15);
    expect(defaultFaceToFacePolicy.visitWithinDays).toBe(180);
    expect(defaultFaceToFacePolicy.trustHalfLifeDays).toBe(90);
    expect(defaultFaceToFacePolicy.trustSaturation).toBe(4);
    expect(Object.isFrozen(defaultFaceToFacePolicy.channelWeights)).toBe(true);
  });

  it('requires exactly the seven channels', () => {
    const { portal: _portal, ...sixChannels } = defaultFaceToFacePolicy.channelWeights;
    expect(pointers({ ...defaultFaceToFacePolicy, channelWeights: sixChannels })).toEqual(['/channelWeights/portal']);
    expect(
      pointers({ ...defaultFaceToFacePolicy, channelWeights: { ...defaultFaceToFacePolicy.channelWeights, pigeon: 1 } }),
    ).toEqual(['/channelWeights/pigeon']);
  });

  it('keeps each weight between 0 and 1', () => {
    const weights = { ...defaultFaceToFacePolicy.channelWeights, video: 1.2, fax: -0.1 };
    expect(pointers({ ...defaultFaceToFacePolicy, channelWeights: weights })).toEqual([
      '/channelWeights/video',
      '/channelWeights/fax',
    ]);
  });

  it('requires a positive half-life and saturation', () => {
    expect(pointers({ ...defaultFaceToFacePolicy, trustHalfLifeDays: 0 })).toEqual(['/trustHalfLifeDays']);
    expect(pointers({ ...defaultFaceToFacePolicy, trustSaturation: 0 })).toEqual(['/trustSaturation']);
  });
});
