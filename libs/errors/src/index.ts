export { TaskledgerError, isTaskledgerError } from './taskledger-error';
export type { ErrorCode } from './taskledger-error';
export { defined } from './defined';
export { EXIT_CODE_OF, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from './exit-codes';
