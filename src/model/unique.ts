import { z } from 'zod';

/**
 * An array schema whose items must be distinct; the issue names the repeated item.
 *
 * @internal
 */
export function uniqueArray<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((values, ctx) => {
    const seen = new Set<unknown>();
    values.forEach((value, index) => {
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', message: `repeats ${JSON.stringify(value)}`, path: [index] });
      }
      seen.add(value);
    });
  });
}
