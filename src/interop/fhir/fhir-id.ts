import type { fhirIdentifierSystems } from './systems';

/** What FHIR R4 allows as a resource id. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The prefix of hashed ids; referwell ids that start with it are hashed too, so the two kinds never meet. */
const HASHED = 'rwh.';

/** A 53-bit string hash (cyrb53), deterministic on every platform. */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The FHIR resource id referwell gives the resource of a record: the record id
 * itself when FHIR allows it (1–64 of `A–Z a–z 0–9 - .`), otherwise `rwh.` and a
 * 106-bit hash of it. Resource ids are only handles for references: the record id
 * always travels exactly in an `Identifier` (see {@link fhirIdentifierSystems}),
 * and that is what an import reads back.
 *
 * @param id - A referwell record id.
 * @returns A valid FHIR resource id, the same for the same record id.
 * @throws Never.
 * @example
 * ```ts
 * toFhirId('off-1'); //=> 'off-1'
 * toFhirId('Elm Street #2').startsWith('rwh.'); //=> true
 * ```
 * @category Interop
 */
export function toFhirId(id: string): string {
  if (FHIR_ID.test(id) && !id.startsWith(HASHED)) return id;
  const a = hash53(id, 1).toString(36).padStart(11, '0');
  const b = hash53(id, 2).toString(36).padStart(11, '0');
  return `${HASHED}${a}${b}`;
}
