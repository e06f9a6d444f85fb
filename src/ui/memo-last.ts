/**
 * Remembers a pure function's last call: called again with the same arguments (Object.is each), it
 * returns the same result without recomputing. For panels' selectors, which run on every snapshot
 * while what they derive from changes much less often (issue 8: no allocation per snapshot for a
 * view nothing in it changed); the same result object also lets shallowEqual see "unchanged".
 */
export function memoLast<A extends readonly unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  let lastArgs: A | undefined;
  let lastResult!: R;
  return (...args: A): R => {
    if (lastArgs !== undefined && lastArgs.length === args.length) {
      let same = true;
      for (let i = 0; i < args.length; i++) {
        if (!Object.is(lastArgs[i], args[i])) {
          same = false;
          break;
        }
      }
      if (same) return lastResult;
    }
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}
