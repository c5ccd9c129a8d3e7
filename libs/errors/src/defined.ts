/** Returns `value`, or throws when it is missing: for invariants the type system cannot see. */
export const defined = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`internal error: ${what} is missing`);
  return value;
};
