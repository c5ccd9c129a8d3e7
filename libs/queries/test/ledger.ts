export { buildLedger, scenario } from '../src/testing';
export type { Ledger } from '../src/testing';
