/**
 * The playbook: every play's policy, plus the planning, source-yield and
 * compliance settings, as one versioned JSON document — its schema, its default,
 * parsing (with `extends` resolution and format migrations), serialization and
 * the JSON Schema that ships as `referwell/playbook.schema.json`.
 *
 * @module
 */
export {
  compliancePolicySchema,
  defaultCompliancePolicy,
  type CompliancePolicy,
} from './compliance';
export { deepFreeze } from './deep-freeze';
export { definePolicy, type PolicyDefinition } from './define-policy';
export { defaultPolicies, playIds, type PlayId } from './definition';
export { PLAYBOOK_SCHEMA_ID, playbookJsonSchema, type JsonSchemaDocument } from './json-schema';
export {
  migratePlaybook,
  playbookMigrations,
  type MigratedPlaybookDocument,
  type PlaybookMigration,
} from './migrations';
export { parsePlaybook, serializePlaybook } from './parse';
export { defaultPlanningPolicy, planningPolicySchema, type PlanningPolicy } from './planning';
export {
  buildPlaybookSchema,
  DEFAULT_PLAYBOOK_BASE,
  defaultPlaybook,
  PLAYBOOK_VERSION,
  playbookSchema,
  SUPPORTED_PLAYBOOK_VERSIONS,
  type Playbook,
  type PlaybookDocument,
  type PlayPolicy,
  type PlaysShape,
} from './playbook';
export { defaultSourcesPolicy, sourcesPolicySchema, type SourcesPolicy } from './sources';
