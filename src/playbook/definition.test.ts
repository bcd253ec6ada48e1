import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { fromZodIssues } from '../model/result';
import { definePolicy, defaultPolicies, playIds } from './definition';
import { buildPlaybookSchema, defaultPlaybook } from './playbook';

describe('defaultPolicies', () => {
  it('lists the nine plays in the order of DESIGN §1', () => {
    expect(playIds).toEqual([
      'ask',
      'face-to-face',
      'educate',
      'strong-referrals',
      'office-staff',
      'follow-up',
      'stock-cards',
      'be-a-resource',
      'thank-you',
    ]);
    expect(defaultPolicies.map((definition) => definition.id)).toEqual(playIds);
  });

  it('gives every play a default that parses and has enabled: true', () => {
    for (const definition of defaultPolicies) {
      expect(definition.schema.safeParse(definition.defaults).success).toBe(true);
      expect((definition.defaults as { enabled: boolean }).enabled).toBe(true);
    }
  });

  it('gives every play its default score weight', () => {
    const weights = Object.fromEntries(
      defaultPolicies.map((definition) => [definition.id, (definition.defaults as { scoreWeight: number }).scoreWeight]),
    );
    expect(weights).toEqual({
      ask: 10,
      'face-to-face': 15,
      educate: 10,
      'strong-referrals': 10,
      'office-staff': 10,
      'follow-up': 20,
      'stock-cards': 5,
      'be-a-resource': 10,
      'thank-you': 10,
    });
  });

  it.each(playIds)('%s: requires a score weight ≥ 0 (fractions allowed, 0 leaves the play out)', (id) => {
    const definition = defaultPolicies.find((candidate) => candidate.id === id)!;
    const pointers = (scoreWeight: unknown) => {
      const result = definition.schema.safeParse({ ...definition.defaults, scoreWeight });
      return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
    };
    expect(pointers(-1)).toEqual(['/scoreWeight']);
    expect(pointers(-0.5)).toEqual(['/scoreWeight']);
    expect(pointers('10')).toEqual(['/scoreWeight']);
    expect(pointers(undefined)).toEqual(['/scoreWeight']);
    expect(pointers(0)).toEqual([]);
    expect(pointers(2.5)).toEqual([]);
  });

  it('is the source of the default playbook', () => {
    expect(Object.keys(defaultPlaybook.plays)).toEqual(playIds);
    for (const definition of defaultPolicies) {
      expect(defaultPlaybook.plays[definition.id]).toBe(definition.defaults);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(defaultPolicies)).toBe(true);
    expect(Object.isFrozen(defaultPolicies[0])).toBe(true);
  });
});

describe('definePolicy', () => {
  const schema = z.strictObject({ enabled: z.boolean().describe('Whether the play runs.'), quietDays: z.number().int() });

  it('keeps a valid definition and freezes it', () => {
    const definition = definePolicy({ id: 'quiet-hours', schema, defaults: { enabled: true, quietDays: 2 } });
    expect(definition.id).toBe('quiet-hours');
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.defaults)).toBe(true);
  });

  it('rejects an id that is not kebab-case', () => {
    expect(() => definePolicy({ id: 'Quiet Hours', schema, defaults: { enabled: true, quietDays: 2 } })).toThrow(
      ValidationError,
    );
  });

  it('rejects defaults that do not parse, naming the field', () => {
    try {
      definePolicy({ id: 'quiet-hours', schema, defaults: { enabled: true, quietDays: 1.5 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.pointer)).toEqual(['/defaults/quietDays']);
    }
  });

  it('lets a host assemble a playbook schema with a tenth play', () => {
    const tenth = definePolicy({ id: 'quiet-hours', schema, defaults: { enabled: true, quietDays: 2 } });
    const extended = buildPlaybookSchema([...defaultPolicies, tenth]);
    const document = { ...defaultPlaybook, plays: { ...defaultPlaybook.plays, 'quiet-hours': tenth.defaults } };
    const parsed = extended.parse(document);
    expect(parsed.plays['quiet-hours'].quietDays).toBe(2);
    expect(extended.safeParse(defaultPlaybook).success).toBe(false);
  });

  it('refuses two plays with the same id', () => {
    expect(() => buildPlaybookSchema([...defaultPolicies, defaultPolicies[0]])).toThrow(ValidationError);
  });
});
