/**
 * Where each field of a record read from FHIR came from, so that a record that
 * fails the model's validation is reported at the FHIR element it was read from.
 * Internal to `referwell/fhir`.
 *
 * @module
 */
import { parseRecord, type RecordKind, type RecordTypes } from '../../model/records';
import { toJsonPointer } from '../../model/result';
import { report, type JsonPath, type ResourceContext } from './issues';

/**
 * A stand-in for a required value whose absence was already reported (an office
 * that did not resolve), so the model's validation reports only the other problems.
 */
export const UNRESOLVED = '(unresolved)';

/** The earliest instant: a stand-in `receivedAt` that no other time of a record can precede. */
export const UNRESOLVED_INSTANT = '0000-01-01T00:00:00Z';

/** Record field paths (joined with `.`, e.g. `intake.2`) → the resource and path they were read from. */
export class RecordOrigins {
  private readonly map = new Map<string, { ctx: ResourceContext; path: JsonPath }>();

  /**
   * @param fallback - The resource problems without a known origin are reported on (at its root).
   */
  constructor(readonly fallback: ResourceContext) {}

  /** Notes that record field `field` was read from `path` in the resource of `ctx`. */
  set(field: string | readonly (string | number)[], ctx: ResourceContext, path: JsonPath): void {
    this.map.set(typeof field === 'string' ? field : field.join('.'), { ctx, path });
  }

  /** The origin of the longest known prefix of a record path. */
  locate(recordPath: readonly (string | number)[]): { ctx: ResourceContext; path: JsonPath } {
    for (let length = recordPath.length; length > 0; length -= 1) {
      const found = this.map.get(recordPath.slice(0, length).join('.'));
      if (found) return found;
    }
    return { ctx: this.fallback, path: [] };
  }
}

/**
 * Validates a record read from FHIR with the model's schema. Each problem is
 * reported at the FHIR element the field came from, its message naming the record
 * field (`referral /intake/1/status: …`).
 */
export function finishRecord<K extends RecordKind>(
  kind: K,
  input: unknown,
  origins: RecordOrigins,
): RecordTypes[K] | undefined {
  const result = parseRecord(kind, input);
  if (result.ok) return result.value;
  for (const issue of result.error.issues) {
    const { ctx, path } = origins.locate(issue.path);
    report(ctx, path, `${kind} ${toJsonPointer(issue.path) || '(root)'}: ${issue.message}`, issue.code);
  }
  return undefined;
}
