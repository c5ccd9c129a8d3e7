import { ReadStore, UnitOfWork } from '@taskledger/read-store';

/**
 * A read store whose `commit` fails (before writing anything) on the calls listed: a crash of
 * the projector between computing a batch and committing it.
 */
export const failingCommits = (inner: ReadStore, failOn: ReadonlySet<number>): ReadStore => {
  let calls = 0;
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'commit') {
        return async (unit: UnitOfWork) => {
          calls += 1;
          if (failOn.has(calls)) throw new Error(`simulated crash before commit ${calls}`);
          return target.commit(unit);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};
