import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idArb } from './fhir-test-support';
import { toFhirId } from './fhir-id';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

describe('toFhirId', () => {
  it('keeps ids FHIR allows', () => {
    expect(toFhirId('off-1')).toBe('off-1');
    expect(toFhirId('A.b-9')).toBe('A.b-9');
    expect(toFhirId('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it('hashes the others into valid, stable FHIR ids', () => {
    for (const id of ['Elm Street #2', 'off_1', 'x'.repeat(65), 'rwh.abc', 'ñ']) {
      const fhirId = toFhirId(id);
      expect(fhirId).toMatch(/^rwh\.[0-9a-z]{22}$/);
      expect(fhirId).toMatch(FHIR_ID);
      expect(toFhirId(id)).toBe(fhirId);
    }
    // An id that looks hashed is hashed too, so it cannot meet the hash of another id.
    expect(toFhirId('rwh.abc')).not.toBe('rwh.abc');
  });

  it('gives distinct ids distinct FHIR ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { minLength: 2, maxLength: 50 }), (ids) => {
        expect(new Set(ids.map(toFhirId)).size).toBe(ids.length);
      }),
    );
  });
});
