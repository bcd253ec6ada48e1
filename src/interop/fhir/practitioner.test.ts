import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../model/records';
import { unwrap } from '../../model/result';
import { contactRoles } from '../../model/vocabulary';
import { fhirProblems } from './fhir-test-support';
import { contactRoleCodes, fromFhirPractitioner, toFhirPractitioner } from './practitioner';

const office = unwrap(
  parseRecord('office', { id: 'off-1', tenantId: 't1', name: 'Elm Street Pediatrics', kind: 'pediatrics' }),
);
const contact = unwrap(
  parseRecord('contact', {
    id: 'c-1',
    tenantId: 't1',
    officeId: 'off-1',
    name: 'Amara Okafor',
    salutation: 'Dr. Okafor',
    role: 'nurse-practitioner',
    npi: '1234567893',
    email: 'okafor@elm.example',
    phone: '+1 555-0100',
    notes: 'Prefers email.',
  }),
);

function issues(result: ReturnType<typeof fromFhirPractitioner>) {
  if (result.ok) expect.fail('expected a failure');
  return result.error.issues.map(({ resource, pointer, message }) => ({ resource, pointer, message }));
}

describe('toFhirPractitioner', () => {
  it('maps a contact to a Practitioner and a PractitionerRole, as valid FHIR R4', () => {
    const { practitioner, practitionerRole } = toFhirPractitioner(contact, { office });
    expect(fhirProblems(practitioner)).toEqual([]);
    expect(fhirProblems(practitionerRole)).toEqual([]);
    const identifier = {
      system: 'urn:referwell:contact',
      value: 'c-1',
      assigner: { identifier: { system: 'urn:referwell:tenant', value: 't1' } },
    };
    expect(practitioner).toEqual({
      resourceType: 'Practitioner',
      id: 'c-1',
      extension: [{ url: 'urn:referwell:extension:notes', valueString: 'Prefers email.' }],
      identifier: [identifier, { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
      active: true,
      name: [{ text: 'Amara Okafor' }, { use: 'usual', text: 'Dr. Okafor' }],
    });
    expect(practitionerRole).toEqual({
      resourceType: 'PractitionerRole',
      id: 'c-1',
      identifier: [identifier],
      active: true,
      practitioner: { reference: 'Practitioner/c-1', identifier: { system: 'urn:referwell:contact', value: 'c-1' } },
      organization: { reference: 'Organization/off-1', identifier: { system: 'urn:referwell:office', value: 'off-1' } },
      code: [
        {
          coding: [
            {
              system: 'urn:referwell:code-system:contact-role',
              code: 'nurse-practitioner',
              display: 'Nurse practitioner',
            },
            { system: 'http://snomed.info/sct', code: '224571005', display: 'Nurse practitioner' },
            { system: 'http://nucc.org/provider-taxonomy', code: '363L00000X', display: 'Nurse Practitioner' },
          ],
        },
      ],
      specialty: [
        { coding: [{ system: 'http://snomed.info/sct', code: '394537008', display: 'Pediatric specialty' }] },
      ],
      telecom: [
        { system: 'email', value: 'okafor@elm.example', use: 'work' },
        { system: 'phone', value: '+1 555-0100', use: 'work' },
      ],
    });
  });

  it('gives office staff the referwell role code and no specialty', () => {
    const { practitionerRole } = toFhirPractitioner({ ...contact, role: 'receptionist' }, { office });
    expect(practitionerRole.code).toEqual([
      { coding: [{ system: 'urn:referwell:code-system:contact-role', code: 'receptionist', display: 'Receptionist' }] },
    ]);
    expect(practitionerRole.specialty).toBeUndefined();
  });

  it('has codes for every role, each standard code used once', () => {
    expect(Object.keys(contactRoleCodes).sort()).toEqual([...contactRoles].sort());
    const codes = contactRoles.flatMap((role) => [
      contactRoleCodes[role].snomed?.code,
      contactRoleCodes[role].nucc?.code,
    ]);
    const used = codes.filter((code) => code !== undefined);
    expect(new Set(used).size).toBe(used.length);
  });
});

describe('fromFhirPractitioner', () => {
  it('reads back what it wrote', () => {
    expect(fromFhirPractitioner(toFhirPractitioner(contact, { office }), { tenantId: 't1' })).toEqual({
      ok: true,
      value: contact,
    });
  });

  it('reads resources from another system: role from SNOMED CT, name from its parts', () => {
    const result = fromFhirPractitioner(
      {
        practitioner: {
          resourceType: 'Practitioner',
          id: 'pr-7',
          name: [{ use: 'official', prefix: ['Dr.'], given: ['Lena', 'M.'], family: 'Park' }],
          telecom: [{ system: 'email', value: 'park@oak.example' }],
        },
        practitionerRole: {
          resourceType: 'PractitionerRole',
          id: 'role-7',
          practitioner: { reference: 'Practitioner/pr-7' },
          organization: { reference: 'Organization/oak' },
          code: [{ coding: [{ system: 'http://snomed.info/sct', code: '449161006' }] }],
        },
      },
      { tenantId: 't1' },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'role-7',
        tenantId: 't1',
        officeId: 'oak',
        name: 'Dr. Lena M. Park',
        role: 'physician-assistant',
        email: 'park@oak.example',
        active: true,
      },
    });
  });

  it('reports every problem with its resource and path', () => {
    const { practitioner, practitionerRole } = toFhirPractitioner(contact);
    expect(
      issues(
        fromFhirPractitioner(
          {
            practitioner: {
              ...practitioner,
              identifier: [
                practitioner.identifier![0],
                { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567890' },
              ],
            },
            practitionerRole: {
              ...practitionerRole,
              practitioner: { reference: 'Practitioner/someone-else' },
              code: [{ coding: [{ system: 'urn:referwell:code-system:contact-role', code: 'janitor' }] }],
              telecom: [{ system: 'email', value: 'not an email' }],
            },
          },
          { tenantId: 't1' },
        ),
      ),
    ).toEqual([
      {
        resource: 'PractitionerRole/c-1',
        pointer: '/practitionerRole/practitioner',
        message: 'does not reference the Practitioner given with it',
      },
      {
        resource: 'PractitionerRole/c-1',
        pointer: '/practitionerRole/code/0/coding/0/code',
        message:
          'unknown contact role "janitor"; expected one of physician, nurse-practitioner, physician-assistant, nurse, medical-assistant, receptionist, office-manager, other',
      },
      {
        resource: 'Practitioner/c-1',
        pointer: '/practitioner/identifier/1/value',
        message: 'contact /npi: NPI check digit is wrong: for 123456789 it must be 3, not 0',
      },
      {
        resource: 'PractitionerRole/c-1',
        pointer: '/practitionerRole/telecom/0/value',
        message: 'contact /email: Invalid email address',
      },
    ]);
  });

  it('needs the office of the role and a name', () => {
    expect(
      issues(
        fromFhirPractitioner(
          {
            practitioner: { resourceType: 'Practitioner', id: 'p' },
            practitionerRole: {
              resourceType: 'PractitionerRole',
              id: 'r',
              practitioner: { reference: 'Practitioner/p' },
            },
          },
          { tenantId: 't1' },
        ),
      ),
    ).toEqual([
      {
        resource: 'PractitionerRole/r',
        pointer: '/practitionerRole/organization',
        message: 'a contact needs the organization (office) of its role',
      },
      { resource: 'Practitioner/p', pointer: '/practitioner/name', message: 'a contact needs a name' },
    ]);
  });
});
