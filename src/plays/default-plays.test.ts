import { describe, expect, it } from 'vitest';
import { defaultPolicies, playIds } from '../playbook/definition';
import { defaultPlays } from './default-plays';

describe('defaultPlays', () => {
  it('are the nine plays, in the order of the playbook', () => {
    expect(defaultPlays.map((play) => play.id)).toEqual(playIds);
  });

  it("share the playbook's policy definitions: one definition per play", () => {
    defaultPlays.forEach((play, index) => {
      expect(play.policy).toBe(defaultPolicies[index]);
      expect(play.policy.id).toBe(play.id);
    });
  });
});
