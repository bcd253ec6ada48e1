import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../src/playbook/parse';
import { parseSnapshot } from '../src/model/snapshot';
import { vectorCases } from './vectors/cases';
import { expectedFor, vectorFor, type Vector } from './vectors/compute';

const dir = join(import.meta.dirname, '..', 'vectors');
const files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Vector;

describe('test vectors', () => {
  it('has one file per case, and at least one case per play', () => {
    expect(files).toEqual(vectorCases.map((c) => `${c.name}.json`).sort());
    const plays = new Set(vectorCases.map((c) => c.play));
    for (const play of ['ask', 'face-to-face', 'educate', 'strong-referrals', 'office-staff', 'follow-up', 'stock-cards', 'be-a-resource', 'thank-you']) {
      expect(plays.has(play), play).toBe(true);
    }
  });

  describe.each(files)('%s', (file) => {
    const vector = read(file);

    it('holds a valid playbook and snapshot, as plain JSON', () => {
      const playbook = parsePlaybook(vector.playbook);
      expect(playbook.ok && playbook.value).toEqual(vector.playbook);
      const snapshot = parseSnapshot(vector.snapshot);
      expect(snapshot.ok && snapshot.value).toEqual(vector.snapshot);
    });

    it('matches what the engine computes from the file alone', () => {
      const recomputed = JSON.parse(JSON.stringify(expectedFor(vector.snapshot, vector.playbook, vector.now)));
      expect(recomputed).toEqual(vector.expected);
    });
  });

  describe.each(vectorCases.map((c) => [c.name, c] as const))('%s (hand-checked facts)', (_name, vectorCase) => {
    const vector = vectorFor(vectorCase);

    it('is the file shipped (run `npm run vectors` after an intended change)', () => {
      expect(read(`${vectorCase.name}.json`)).toEqual(vector);
    });

    if (vectorCase.handActions) {
      it('plans exactly the actions worked out by hand', () => {
        expect(vector.expected.actions.map((a) => [a.play, a.kind, a.officeId, a.due])).toEqual(vectorCase.handActions);
      });
    }

    if (vectorCase.handFollowUp) {
      it('gives the follow-up statuses worked out by hand', () => {
        const statuses = Object.fromEntries(Object.entries(vector.expected.followUp).map(([id, f]) => [id, f.status]));
        expect(statuses).toEqual(vectorCase.handFollowUp);
      });
    }
  });
});
