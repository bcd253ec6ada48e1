/**
 * Facts shared within one synchronous piece of work. Several plays read the same
 * facts of an office in `plan` and again in `score` (the stock estimate, the
 * follow-up facts, the staff facts…); when one caller needs both for the same
 * office and moment — the desk's `office()` view plans the office, scores it and
 * reads its follow-up status — it runs them inside {@link withSharedFacts}, and
 * each fact is worked out once.
 *
 * Outside such a scope nothing is remembered: a fact function costs one check of
 * a module variable. Inside, answers are kept only until the scope ends, so no
 * history outlives the call because of them.
 *
 * @module
 */

/** One remembered answer: the arguments after the history, and the value. */
interface Remembered {
  readonly a: unknown;
  readonly b: unknown;
  readonly c: unknown;
  readonly value: unknown;
}

/** Per fact function, per history: its remembered answers. */
type Scope = Map<object, Map<object, Remembered[]>>;

let scope: Scope | undefined;

/**
 * Runs `work` with fact sharing on: within it, a fact function called twice with
 * the same history and the same other arguments (compared with `Object.is`)
 * computes its answer once. Scopes nest; each keeps its own answers.
 *
 * Only for synchronous work: the scope ends when `work` returns or throws.
 *
 * @param work - The work, e.g. planning and scoring one office.
 * @returns What `work` returns.
 * @example
 * ```ts
 * const [facts, again] = withSharedFacts(() => [
 *   staffFacts(history, policy, now, timeZone),
 *   staffFacts(history, policy, now, timeZone),
 * ]);
 * facts === again; //=> true
 * ```
 * @internal
 */
export function withSharedFacts<T>(work: () => T): T {
  const outer = scope;
  scope = new Map();
  try {
    return work();
  } finally {
    scope = outer;
  }
}

/**
 * Whether a {@link withSharedFacts} scope is open: a play that can derive what it
 * needs from a fact its `score` also reads works the whole fact out (once) only
 * then, and otherwise computes just what it needs.
 *
 * @returns `true` inside a scope.
 * @example
 * ```ts
 * withSharedFacts(() => isSharingFacts()); //=> true
 * isSharingFacts(); //=> false
 * ```
 * @internal
 */
export function isSharingFacts(): boolean {
  return scope !== undefined;
}

/**
 * A fact of `history`, computed by `compute`, or the answer already computed in
 * the current {@link withSharedFacts} scope for the same function, history and
 * arguments. Outside a scope it simply computes.
 *
 * @param fn - The fact function (the key for its answers).
 * @param history - The office history the fact is about.
 * @param a - The function's other arguments (unused ones `undefined`).
 * @param b - See `a`.
 * @param c - See `a`.
 * @param compute - Works the fact out.
 * @returns The fact.
 * @example
 * ```ts
 * export function staffFacts(history, policy, now, timeZone) {
 *   return sharedFact(staffFacts, history, policy, now, timeZone, () => computeStaffFacts(history, policy, now, timeZone));
 * }
 * ```
 * @internal
 */
export function sharedFact<R>(
  fn: object,
  history: object,
  a: unknown,
  b: unknown,
  c: unknown,
  compute: () => R,
): R {
  if (scope === undefined) return compute();
  let byHistory = scope.get(fn);
  if (byHistory === undefined) {
    byHistory = new Map();
    scope.set(fn, byHistory);
  }
  let answers = byHistory.get(history);
  if (answers === undefined) {
    answers = [];
    byHistory.set(history, answers);
  }
  for (const answer of answers) {
    if (Object.is(answer.a, a) && Object.is(answer.b, b) && Object.is(answer.c, c)) return answer.value as R;
  }
  const value = compute();
  answers.push({ a, b, c, value });
  return value;
}
