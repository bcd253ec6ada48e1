import { describe, expect, it } from 'vitest';
import { scenario } from '../../test/scenario';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { followUpPlay } from '../plays/follow-up/play';
import { defaultFollowUpPolicy } from '../plays/follow-up/policy';
import { momentFor, playContext } from './context';

const NOW = Date.parse('2026-03-02T18:00:00Z');

describe('playContext', () => {
  const index = scenario().office('o').index();
  const moment = momentFor(index.context, NOW);

  it("is the moment with the play's policy from the playbook", () => {
    const context = playContext(followUpPlay, defaultPlaybook, moment);
    expect(context).toStrictEqual({
      now: NOW,
      today: '2026-03-02',
      timeZone: 'America/Chicago',
      calendar: moment.calendar,
      practice: index.context,
      policy: defaultPlaybook.plays['follow-up'],
    });
  });

  it('names every field in one order, whatever the moment holds besides', () => {
    // Contexts from separate calls have the same keys in the same order: one shape.
    const extra = { ...moment, unrelated: true };
    const keys = Object.keys(playContext(followUpPlay, defaultPlaybook, extra));
    expect(keys).toEqual(['now', 'today', 'timeZone', 'calendar', 'practice', 'policy']);
    expect(Object.keys(playContext(followUpPlay, defaultPlaybook, momentFor(index.context, NOW + 1)))).toEqual(keys);
  });

  it("falls back to the play's defaults when the playbook has no entry for it", () => {
    const { 'follow-up': _omitted, ...others } = defaultPlaybook.plays;
    const playbook = { ...defaultPlaybook, plays: others } as unknown as Playbook;
    expect(playContext(followUpPlay, playbook, moment).policy).toStrictEqual(defaultFollowUpPolicy);
  });
});
