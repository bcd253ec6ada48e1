/**
 * What {@link actionDescription} reads of an action; every `Action` fits.
 *
 * @category Interop
 */
export interface DescribedAction {
  /** The action id. */
  readonly id: string;
  /** Why the action was proposed. */
  readonly explanation: {
    readonly summary: string;
    readonly rule: string;
    readonly policy: Readonly<Record<string, unknown>>;
    readonly facts: Readonly<Record<string, unknown>>;
    readonly evidence: readonly { readonly kind: string; readonly id: string }[];
  };
  /** Its warnings, if any. */
  readonly warnings?: readonly { readonly message: string }[] | undefined;
}

/** A policy or fact value as text: strings as they are, anything else as JSON. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `  name: value` lines for a record of values, in its key order. */
function entries(values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(values).map(([name, value]) => `  ${name}: ${valueText(value)}`);
}

/**
 * The text of an action's calendar `DESCRIPTION`: the explanation in plain
 * lines, so a clinician reading the to-do sees why it was proposed.
 *
 * ```text
 * <explanation.summary>
 *
 * Rule: <explanation.rule>
 * Policy:
 *   <name>: <value>        (one line per policy setting; non-strings as JSON)
 * Facts:
 *   <name>: <value>        (one line per fact)
 * Evidence: <kind> <id>, <kind> <id>, …
 * Warning: <message>       (one line per warning)
 * Action: <action id>
 * ```
 *
 * The `Policy`, `Facts`, `Evidence` and `Warning` parts are left out when empty.
 *
 * @param action - A planned action.
 * @returns The description, lines separated by `\n`.
 * @example
 * ```ts
 * actionDescription(action).split('\n')[2]; //=> 'Rule: follow-up/due'
 * ```
 * @category Interop
 */
export function actionDescription(action: DescribedAction): string {
  const { summary, rule, policy, facts, evidence } = action.explanation;
  const lines = [summary, '', `Rule: ${rule}`];
  const policyLines = entries(policy);
  if (policyLines.length > 0) lines.push('Policy:', ...policyLines);
  const factLines = entries(facts);
  if (factLines.length > 0) lines.push('Facts:', ...factLines);
  if (evidence.length > 0) lines.push(`Evidence: ${evidence.map((ref) => `${ref.kind} ${ref.id}`).join(', ')}`);
  for (const warning of action.warnings ?? []) lines.push(`Warning: ${warning.message}`);
  lines.push(`Action: ${action.id}`);
  return lines.join('\n');
}
