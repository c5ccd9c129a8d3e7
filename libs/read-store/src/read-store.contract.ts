import { collectionsContract } from './collections.contract';
import { compareAndSetContract } from './compare-and-set.contract';
import { documentsContract } from './documents.contract';
import { findContract } from './find.contract';
import { largeNumbersContract } from './large-numbers.contract';
import { pagingContract } from './paging.contract';
import type { ReadStore } from './read-store.port';
import { unitOfWorkContract } from './unit-of-work.contract';

export interface ContractSubject {
  store: ReadStore;
  /** Another client of the same store (a second connection), to check it sees the first's commits. */
  openSecondClient: () => Promise<ReadStore>;
  cleanup: () => Promise<void>;
}
export type ContractFactory = () => Promise<ContractSubject>;

/** What each section of the suite gets: the current test's store and subject. */
export interface ContractContext {
  store: () => ReadStore;
  subject: () => ContractSubject;
}

/**
 * One suite for every ReadStore adapter. Pass `skipReason` when the adapter cannot run here
 * (e.g. no server): the suite prints that one line and is skipped, never silently passed.
 */
export const describeReadStoreContract = (adapterName: string, factory: ContractFactory, skipReason?: string): void => {
  const title = `${adapterName} read store (contract)`;
  if (skipReason !== undefined) console.warn(`${title} skipped: ${skipReason}`);
  (skipReason === undefined ? describe : describe.skip)(title, () => {
    let subject: ContractSubject;
    beforeEach(async () => {
      subject = await factory();
    });
    afterEach(async () => subject.cleanup());
    const context: ContractContext = { store: () => subject.store, subject: () => subject };
    documentsContract(context);
    findContract(context);
    largeNumbersContract(context);
    pagingContract(context);
    unitOfWorkContract(context);
    compareAndSetContract(context);
    collectionsContract(context);
  });
};
