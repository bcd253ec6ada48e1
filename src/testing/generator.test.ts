import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors';
import { isValidNpi } from '../model/npi';
import { parseSnapshot } from '../model/snapshot';
import type { PracticeSnapshot } from '../model/snapshot';
import { generatePractice } from './generator';
import { Random } from './random';

const NOW = '2026-03-02T14:00:00Z';
const nowMs = Date.parse(NOW);

function small(seed: number, extra: Partial<Parameters<typeof generatePractice>[0]> = {}): PracticeSnapshot {
  return generatePractice({ seed, offices: 30, now: NOW, ...extra });
}

describe('generatePractice: validity', () => {
  it.each([1, 2, 3, 7, 42, 1234, 99_999, -5])('seed %i gives a snapshot parseSnapshot accepts unchanged', (seed) => {
    const snapshot = small(seed);
    const parsed = parseSnapshot(snapshot);
    expect(parsed.ok ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    // Every default is already filled in: parsing adds nothing and removes nothing.
    expect(parsed.ok && parsed.value).toEqual(snapshot);
  });

  it.each([
    ['Australia/Sydney', 1],
    ['UTC', 0.25],
    ['America/Chicago', 5],
    ['Asia/Kolkata', 2],
  ] as const)('is valid in %s over %d years', (timeZone, years) => {
    const snapshot = small(11, { timeZone, years, tenantId: 'tenant-x' });
    expect(parseSnapshot(snapshot).ok).toBe(true);
    expect(snapshot.practice).toMatchObject({ timeZone, tenantId: 'tenant-x' });
  });

  it('is valid for a tiny history (one day) and for no offices', () => {
    expect(parseSnapshot(small(3, { years: 1 / 365 })).ok).toBe(true);
    const empty = small(3, { offices: 0 });
    expect(parseSnapshot(empty).ok).toBe(true);
    expect(empty.offices).toEqual([]);
  });

  it('records nothing after now', () => {
    const snapshot = generatePractice({ seed: 5, offices: 200, now: NOW });
    const times = [
      ...snapshot.touchpoints.map((t) => t.at),
      ...snapshot.referrals.flatMap((r) => [
        r.receivedAt,
        ...r.intake.map((step) => step.at),
        ...(r.patientContactedAt ? [r.patientContactedAt] : []),
        ...(r.reportSentToReferrerAt ? [r.reportSentToReferrerAt] : []),
      ]),
      ...snapshot.thankYous.map((t) => t.sentAt),
      ...snapshot.messages.map((m) => m.publishedAt),
      ...snapshot.offices.flatMap((o) => (o.createdAt ? [o.createdAt] : [])),
    ];
    expect(times.filter((at) => Date.parse(at) > nowMs)).toEqual([]);
  });

  it('writes instants as whole-second UTC ISO strings that round-trip', () => {
    for (const { at } of small(8).touchpoints) {
      expect(new Date(Date.parse(at)).toISOString().replace('.000Z', 'Z')).toBe(at);
    }
  });
});

describe('generatePractice: determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('gives identical output for the same seed', () => {
    const a = generatePractice({ seed: 7, offices: 50, now: NOW });
    const b = generatePractice({ seed: 7, offices: 50, now: NOW });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives different practices for different seeds', () => {
    const a = small(7);
    const b = small(8);
    expect(a.offices.map((o) => o.name)).not.toEqual(b.offices.map((o) => o.name));
    expect(a.referrals.length === b.referrals.length && a.touchpoints.length === b.touchpoints.length && JSON.stringify(a) === JSON.stringify(b)).toBe(false);
  });

  it('never reads the clock and never calls Math.random', () => {
    const dateNow = vi.spyOn(Date, 'now');
    const mathRandom = vi.spyOn(Math, 'random');
    const reference = JSON.stringify(small(21));
    expect(dateNow).not.toHaveBeenCalled();
    expect(mathRandom).not.toHaveBeenCalled();

    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const early = JSON.stringify(small(21));
    vi.setSystemTime(new Date('2099-07-01T12:34:56Z'));
    const late = JSON.stringify(small(21));
    expect(early).toBe(reference);
    expect(late).toBe(reference);
  });

  it('draws the same stream from a seeded Random every time', () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(2 ** 40 + 1)).not.toEqual(draw(1));
    expect(draw(3).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generatePractice: realism', () => {
  const practice = generatePractice({ seed: 3, offices: 400, now: NOW, touchpoints: 24_000, referrals: 4_000 });

  it('generates about as many touchpoints and referrals as asked', () => {
    expect(practice.offices).toHaveLength(400);
    expect(practice.touchpoints.length).toBeGreaterThan(24_000 * 0.97);
    expect(practice.touchpoints.length).toBeLessThan(24_000 * 1.03);
    expect(practice.referrals.length).toBeGreaterThan(4_000 * 0.95);
    expect(practice.referrals.length).toBeLessThan(4_000 * 1.05);
  });

  it('defaults to about 6 touchpoints and 1.5 referrals per office per year', () => {
    const defaults = generatePractice({ seed: 4, offices: 100, now: NOW });
    expect(defaults.touchpoints.length).toBeGreaterThan(1_800 * 0.95);
    expect(defaults.touchpoints.length).toBeLessThan(1_800 * 1.05);
    expect(defaults.referrals.length).toBeGreaterThan(450 * 0.85);
    expect(defaults.referrals.length).toBeLessThan(450 * 1.15);
  });

  it('has about five contacts per office, providers with valid NPIs and staff', () => {
    const perOffice = practice.contacts.length / practice.offices.length;
    expect(perOffice).toBeGreaterThan(4);
    expect(perOffice).toBeLessThan(6.5);
    const providers = practice.contacts.filter((c) => ['physician', 'nurse-practitioner', 'physician-assistant'].includes(c.role));
    expect(providers.length / practice.contacts.length).toBeGreaterThan(0.2);
    expect(providers.length / practice.contacts.length).toBeLessThan(0.6);
    const npis = providers.flatMap((c) => (c.npi ? [c.npi] : []));
    expect(npis.length / providers.length).toBeGreaterThan(0.9);
    expect(npis.every(isValidNpi)).toBe(true);
    expect(new Set(npis).size).toBe(npis.length);
  });

  it('mixes office kinds and lifecycle stages, mostly active', () => {
    const count = (key: 'kind' | 'lifecycle', value: string) => practice.offices.filter((o) => o[key] === value).length;
    expect(count('lifecycle', 'active')).toBeGreaterThan(400 * 0.5);
    for (const lifecycle of ['prospect', 'dormant', 'closed']) expect(count('lifecycle', lifecycle)).toBeGreaterThan(0);
    expect(count('lifecycle', 'closed')).toBeLessThan(count('lifecycle', 'dormant'));
    for (const kind of ['primary-care', 'pediatrics', 'ob-gyn', 'psychiatry', 'urgent-care', 'hospital-unit', 'other']) {
      expect(count('kind', kind)).toBeGreaterThan(0);
    }
    expect(new Set(practice.offices.map((o) => o.name)).size).toBe(400);
  });

  it('has a few consistent referrers and many cold offices', () => {
    const perOffice = new Map<string, number>();
    for (const referral of practice.referrals) perOffice.set(referral.officeId, (perOffice.get(referral.officeId) ?? 0) + 1);
    const counts = practice.offices.map((o) => perOffice.get(o.id) ?? 0).sort((a, b) => b - a);
    const top10 = counts.slice(0, 40).reduce((a, b) => a + b, 0);
    expect(top10 / practice.referrals.length).toBeGreaterThan(0.5); // the top 10% send most referrals
    expect(counts.filter((n) => n <= 1).length).toBeGreaterThan(400 * 0.3); // a third or more send one or none
    const prospects = new Set(practice.offices.filter((o) => o.lifecycle === 'prospect').map((o) => o.id));
    expect(practice.referrals.some((r) => prospects.has(r.officeId))).toBe(false);
  });

  it('uses in person most, and every channel', () => {
    const channels = new Map<string, number>();
    for (const t of practice.touchpoints) channels.set(t.channel, (channels.get(t.channel) ?? 0) + 1);
    const sorted = [...channels].sort((a, b) => b[1] - a[1]);
    expect(sorted[0]?.[0]).toBe('in-person');
    expect(channels.size).toBe(7);
    expect(practice.touchpoints.some((t) => t.collateral && t.collateral.cards > 0)).toBe(true);
    expect(practice.touchpoints.some((t) => t.cost !== undefined)).toBe(true);
    expect(practice.touchpoints.some((t) => t.messageVersion === 2)).toBe(true);
    expect(practice.touchpoints.some((t) => t.resources?.includes('in-service'))).toBe(true);
    expect(practice.touchpoints.some((t) => t.contactIds.length === 2)).toBe(true);
  });

  it('walks referrals through intake: seen, declined with a redirect, no-shows, cancellations, reports', () => {
    const finals = new Set(practice.referrals.map((r) => r.intake.at(-1)?.status ?? 'received'));
    for (const status of ['first-visit-completed', 'declined', 'cancelled']) expect(finals.has(status as never)).toBe(true);
    const steps = practice.referrals.flatMap((r) => r.intake);
    expect(steps.some((s) => s.status === 'declined' && s.redirectedTo !== undefined)).toBe(true);
    expect(steps.some((s) => s.status === 'no-show')).toBe(true);
    expect(practice.referrals.filter((r) => r.intake.filter((s) => s.status === 'scheduled').length > 1).length).toBeGreaterThan(0);
    expect(practice.referrals.some((r) => r.reportSentToReferrerAt !== undefined)).toBe(true);
    expect(practice.referrals.some((r) => r.patient.consentToShare)).toBe(true);
    expect(practice.referrals.some((r) => r.contactIds.length === 0)).toBe(true);
    const strengths = new Set(practice.referrals.map((r) => Object.values(r.checklist).filter(Boolean).length));
    expect([...strengths].sort()).toEqual([0, 1, 2, 3]);
  });

  it('credits staff as well as providers', () => {
    const roles = new Map(practice.contacts.map((c) => [c.id, c.role]));
    const credited = new Set(practice.referrals.flatMap((r) => r.contactIds.map((id) => roles.get(id))));
    expect(credited.has('receptionist') || credited.has('medical-assistant') || credited.has('nurse')).toBe(true);
    expect(credited.has('physician')).toBe(true);
  });

  it('thanks many referrals, sometimes several on one card', () => {
    const thanked = new Set(practice.thankYous.flatMap((t) => t.referralIds));
    expect(thanked.size / practice.referrals.length).toBeGreaterThan(0.3);
    expect(practice.thankYous.some((t) => t.referralIds.length > 1)).toBe(true);
  });

  it('has two message versions and two to four clinicians with capacity', () => {
    expect(practice.messages.map((m) => m.version)).toEqual([1, 2]);
    expect(practice.clinicians.length).toBeGreaterThanOrEqual(2);
    expect(practice.clinicians.length).toBeLessThanOrEqual(4);
    for (const message of practice.messages) expect(message.elevatorSpeech.split(/\s+/).length).toBeLessThanOrEqual(90);
  });
});

describe('generatePractice: options', () => {
  it.each([
    [{ offices: -1 }, '/offices'],
    [{ offices: 2.5 }, '/offices'],
    [{ seed: Number.NaN }, '/seed'],
    [{ years: 0 }, '/years'],
    [{ touchpoints: -3 }, '/touchpoints'],
    [{ timeZone: 'Mars/Olympus_Mons' }, '/timeZone'],
    [{ tenantId: '' }, '/tenantId'],
    [{ practiceName: ' Padded ' }, '/practiceName'],
  ])('rejects %o', (patch, pointer) => {
    try {
      generatePractice({ seed: 1, offices: 3, now: NOW, ...patch });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.pointer).toBe(pointer);
    }
  });

  it('rejects a now that is not an ISO instant', () => {
    expect(() => generatePractice({ seed: 1, offices: 3, now: 'tomorrow' })).toThrow(ValidationError);
  });
});

describe('the generator’s imports', () => {
  it('reach only the core and runtime dependencies, never vitest or another dev dependency', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const root = resolve(here, '../..');
    const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set(Object.keys(packageJson.dependencies));
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (specifier!.startsWith('.')) {
          const base = resolve(dirname(file), specifier!);
          visit(existsSync(`${base}.ts`) ? `${base}.ts` : resolve(base, 'index.ts'));
        }
        else external.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
      }
    };
    visit(resolve(here, 'generator.ts'));
    expect(seen.size).toBeGreaterThan(3);
    expect([...external].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
