import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { checkPracticeMessage } from './message';
import { educatePlay, educateScore } from './play';
import { defaultEducatePolicy } from './policy';

const NOW = '2026-03-02T18:00:00Z'; // noon in Chicago
const plays = [educatePlay];

function planOf(build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) {
  return planActions({ snapshot: build.build(), playbook, now: NOW, plays });
}

function withEducate(patch: Partial<typeof defaultEducatePolicy>): Playbook {
  return { ...defaultPlaybook, plays: { ...defaultPlaybook.plays, educate: { ...defaultPlaybook.plays.educate, ...patch } } };
}

/** A speech of exactly `n` words. */
const speechOf = (n: number) => Array.from({ length: n }, (_, i) => `word${i + 1}`).join(' ');

/** Lakeside: two providers (one left the office), a nurse practitioner and a receptionist. */
function lakeside() {
  return scenario()
    .message(1, '2025-06-01T15:00:00Z')
    .message(2, '2026-01-05T15:00:00Z', { elevatorSpeech: 'We see anxious teens within a week.' })
    .office('o', { name: 'Lakeside Family Medicine' })
    .contact('dr-ames', 'o', 'physician')
    .contact('dr-gone', 'o', 'physician', { active: false })
    .contact('np-lee', 'o', 'nurse-practitioner')
    .contact('rx-priya', 'o', 'receptionist');
}

describe('educate: tell them who you are and whom you help best', () => {
  it('an office that has not heard the current message gets an educate action', () => {
    // Version 1 was presented 100 days ago (2025-11-22); version 2 came out on 2026-01-05.
    const actions = planOf(lakeside().touch('t1', 'o', daysBefore(NOW, 100), { messageVersion: 1, contactIds: ['dr-ames'] }));
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'educate',
      kind: 'educate',
      officeId: 'o',
      contactIds: ['dr-ames', 'np-lee'], // active providers only: not the receptionist, not the doctor who left
      due: '2026-03-02',
      priority: 50,
      title: 'Present the practice message (version 2) to Lakeside Family Medicine',
      explanation: {
        rule: 'educate/outdated',
        summary:
          'Lakeside Family Medicine last heard version 1 of the practice message (2025-11-22); the current version is 2, published 2026-01-05.',
        policy: { elevatorSpeechMaxWords: 90 },
        facts: {
          standing: 'outdated',
          currentVersion: 2,
          heardVersion: 1,
          heardDate: '2025-11-22',
          speechWords: 7,
          messageTooLong: false,
        },
        evidence: [
          { kind: 'touchpoint', id: 't1' },
          { kind: 'practice-message', id: 'msg-2' },
        ],
      },
      details: {
        messageVersion: 2,
        elevatorSpeech: 'We see anxious teens within a week.',
        words: 7,
        maxWords: 90,
        messageTooLong: false,
      },
      warnings: [],
    });
  });

  it('an office that never heard any version gets an educate action', () => {
    const [action] = planOf(lakeside().touch('t1', 'o', daysBefore(NOW, 100)));
    expect(action?.explanation).toMatchObject({
      rule: 'educate/never-heard',
      summary: 'Lakeside Family Medicine has never heard the practice message; the current version is 2.',
      facts: { standing: 'never-heard', heardVersion: null, heardDate: null },
      evidence: [{ kind: 'practice-message', id: 'msg-2' }],
    });
  });

  it('an office that heard the current message gets nothing', () => {
    expect(planOf(lakeside().touch('t1', 'o', daysBefore(NOW, 40), { messageVersion: 2 }))).toEqual([]);
  });

  it('once the current version was presented, an older brochure shown afterwards does not undo it', () => {
    const build = lakeside()
      .touch('t1', 'o', daysBefore(NOW, 50), { messageVersion: 2 })
      .touch('t2', 'o', daysBefore(NOW, 40), { messageVersion: 1 });
    expect(planOf(build)).toEqual([]);
  });

  it('only touchpoints that carry a message version count, whatever their purpose', () => {
    const build = lakeside()
      .touch('t1', 'o', daysBefore(NOW, 120), { messageVersion: 2, purposes: ['follow-up'] })
      .touch('t2', 'o', daysBefore(NOW, 60), { purposes: ['educate'] }); // educate visit that recorded no version
    expect(planOf(build)).toEqual([]);
  });

  it('a new message version turns into a new educate action', () => {
    const before = scenario()
      .message(1, '2025-06-01T15:00:00Z')
      .office('o')
      .touch('t1', 'o', daysBefore(NOW, 100));
    const first = planOf(before)[0]!;
    expect(first.explanation.rule).toBe('educate/never-heard');
    expect(planOf(before)[0]!.id).toBe(first.id); // same records, same id
    const second = planOf(before.message(2, '2026-02-01T15:00:00Z'))[0]!;
    expect(second.details).toMatchObject({ messageVersion: 2 });
    expect(second.id).not.toBe(first.id);
  });

  it('says when the current elevator speech is over the word limit', () => {
    const build = scenario()
      .message(1, '2026-01-05T15:00:00Z', { elevatorSpeech: speechOf(95) })
      .office('o', { name: 'Elm Street Pediatrics' })
      .touch('t1', 'o', daysBefore(NOW, 100));
    const [action] = planOf(build);
    expect(action?.explanation.summary).toBe(
      'Elm Street Pediatrics has never heard the practice message; the current version is 1; note that the current elevator speech is 95 words, over the 90-word limit.',
    );
    expect(action?.explanation.facts).toMatchObject({ speechWords: 95, messageTooLong: true });
    expect(action?.details).toMatchObject({ words: 95, maxWords: 90, messageTooLong: true });
  });

  it('warns on the action when the current elevator speech is over the word limit', () => {
    const build = scenario()
      .message(1, '2026-01-05T15:00:00Z', { elevatorSpeech: speechOf(95) })
      .office('o')
      .touch('t1', 'o', daysBefore(NOW, 100));
    const [action] = planOf(build);
    expect(action?.warnings).toEqual([
      {
        code: 'message-too-long',
        message:
          'The elevator speech of practice message version 1 is 95 words, over the 90-word limit: shorten it before presenting it.',
      },
    ]);
    // Exactly at the limit: no warning.
    const [within] = planOf(
      scenario().message(1, '2026-01-05T15:00:00Z', { elevatorSpeech: speechOf(90) }).office('o').touch('t1', 'o', daysBefore(NOW, 100)),
    );
    expect(within?.warnings).toEqual([]);
    expect(within?.details).toMatchObject({ words: 90, messageTooLong: false });
  });

  it('reads the word limit from the policy', () => {
    const [action] = planOf(lakeside().touch('t1', 'o', daysBefore(NOW, 100)), withEducate({ elevatorSpeechMaxWords: 6 }));
    expect(action?.details).toMatchObject({ words: 7, maxWords: 6, messageTooLong: true });
    expect(action?.explanation.policy).toEqual({ elevatorSpeechMaxWords: 6 });
  });

  it('proposes nothing when the practice has no message at all', () => {
    expect(planOf(scenario().office('o').touch('t1', 'o', daysBefore(NOW, 100)))).toEqual([]);
  });

  it('names no contacts when the office has no active provider on file', () => {
    const build = scenario()
      .message(1, '2025-06-01T15:00:00Z')
      .office('o')
      .contact('r', 'o', 'receptionist')
      .touch('t1', 'o', daysBefore(NOW, 100));
    expect(planOf(build)[0]?.contactIds).toEqual([]);
  });

  it('is outreach, so it waits outside the follow-up nuisance floor', () => {
    expect(planOf(lakeside().touch('t1', 'o', daysBefore(NOW, 10)))).toEqual([]);
  });

  it('ignores a presentation planned after now', () => {
    const build = lakeside()
      .touch('t1', 'o', daysBefore(NOW, 100), { messageVersion: 1 })
      .touch('future', 'o', daysBefore(NOW, -2), { messageVersion: 2 });
    const [action] = planActions({ snapshot: build.build(), playbook: defaultPlaybook, now: NOW, plays });
    expect(action?.explanation.facts).toMatchObject({ heardVersion: 1 });
  });

  it('lists the presentation after the message in the evidence when it came later', () => {
    // Version 1 presented after version 2 was published: still outdated, evidence oldest first.
    const [action] = planOf(lakeside().touch('t1', 'o', daysBefore(NOW, 40), { messageVersion: 1 }));
    expect(action?.explanation.evidence).toEqual([
      { kind: 'practice-message', id: 'msg-2' },
      { kind: 'touchpoint', id: 't1' },
    ]);
  });
});

describe('checkPracticeMessage', () => {
  it('counts whitespace-separated words', () => {
    expect(checkPracticeMessage({ elevatorSpeech: '  We see   anxious\tteens\nwithin a week. ' }, defaultEducatePolicy)).toEqual({
      words: 7,
      maxWords: 90,
      tooLong: false,
    });
    expect(checkPracticeMessage({ elevatorSpeech: 'Same-day intake — really.' }, defaultEducatePolicy).words).toBe(4);
  });

  it('allows exactly the limit and flags one word more', () => {
    expect(checkPracticeMessage({ elevatorSpeech: speechOf(90) }, defaultEducatePolicy)).toEqual({
      words: 90,
      maxWords: 90,
      tooLong: false,
    });
    expect(checkPracticeMessage({ elevatorSpeech: speechOf(91) }, defaultEducatePolicy).tooLong).toBe(true);
  });

  it('counts a blank speech as zero words', () => {
    expect(checkPracticeMessage({ elevatorSpeech: ' \n ' }, { elevatorSpeechMaxWords: 1 })).toEqual({
      words: 0,
      maxWords: 1,
      tooLong: false,
    });
  });
});

describe('educate score', () => {
  const component = (build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) =>
    scoreRelationship(build.history('o'), playbook, NOW, { plays }).components[0]!;

  it('is 100 when the office heard the current version', () => {
    const result = component(lakeside().touch('t1', 'o', daysBefore(NOW, 40), { messageVersion: 2 }));
    expect(result.score).toBe(100);
    expect(result.reasons).toEqual(['heard the current practice message (version 2) on 2026-01-21']);
    expect(result.evidence).toEqual([{ kind: 'touchpoint', id: 't1' }]);
  });

  it('gives staleMessageCredit × 100 for an older version only', () => {
    const build = lakeside().touch('t1', 'o', daysBefore(NOW, 100), { messageVersion: 1 });
    // 0.5 × 100 = 50 by default; 0.2 × 100 = 20 with a stingier policy.
    expect(component(build).score).toBe(50);
    expect(component(build).reasons).toEqual([
      'heard only version 1 (on 2025-11-22), not the current version 2: 50% credit',
    ]);
    expect(component(build, withEducate({ staleMessageCredit: 0.2 })).score).toBe(20);
  });

  it('is 0 when the office never heard the message', () => {
    const result = component(lakeside());
    expect(result.score).toBe(0);
    expect(result.facts).toEqual({
      standing: 'never-heard',
      currentVersion: 2,
      heardVersion: null,
      heardDate: null,
      messageTooLong: false,
    });
  });

  it('is null when the practice has no message', () => {
    const result = component(scenario().office('o'));
    expect(result.score).toBeNull();
    expect(result.reasons).toEqual(['the practice has no message yet']);
  });

  it('mentions an over-long speech among the reasons', () => {
    const build = scenario().message(1, '2026-01-05T15:00:00Z', { elevatorSpeech: speechOf(120) }).office('o');
    expect(component(build).reasons).toEqual([
      'has never heard the practice message (current version 1)',
      'the current elevator speech is 120 words, over the 90-word limit',
    ]);
  });

  it('educateScore follows the formula', () => {
    expect(educateScore('current', defaultEducatePolicy)).toBe(100);
    expect(educateScore('outdated', { staleMessageCredit: 0.25 })).toBe(25);
    expect(educateScore('never-heard', defaultEducatePolicy)).toBe(0);
  });
});
