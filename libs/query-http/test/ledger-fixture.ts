import { ProjectedEvent } from '@taskledger/projections';
import { buildLedger as buildQueriesLedger, Ledger, scenario } from '@taskledger/queries/testing';

export { scenario };
export type { Ledger };

/** The shared query scenario's ledger (or the given events'), read models caught up. */
export const buildLedger = (events: readonly ProjectedEvent[] = scenario(), ledger?: Ledger): Promise<Ledger> =>
  buildQueriesLedger(events, ledger);
