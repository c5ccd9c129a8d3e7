import { EXIT_CODE_OF, EXIT_PROBLEM, EXIT_USAGE } from './exit-codes';
import { ErrorCode, isTaskledgerError, TaskledgerError } from './taskledger-error';

describe('TaskledgerError', () => {
  it('is a real Error with its code, message, details and cause', () => {
    const cause = new Error('disk full');
    const error = new TaskledgerError(
      'StoreUnavailable',
      'ledger database x.db cannot be used',
      { path: 'x.db' },
      { cause },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'TaskledgerError',
      code: 'StoreUnavailable',
      details: { path: 'x.db' },
      cause,
    });
    expect(error.message).toBe('ledger database x.db cannot be used');
  });

  it('is recognised by code, by one of several codes, or at all; anything else is not', () => {
    const error = new TaskledgerError('NotFound', 'task B-9 not found');
    expect(isTaskledgerError(error)).toBe(true);
    expect(isTaskledgerError(error, 'NotFound')).toBe(true);
    expect(isTaskledgerError(error, ['InvalidArgument', 'NotFound'])).toBe(true);
    expect(isTaskledgerError(error, 'InvalidArgument')).toBe(false);
    expect(isTaskledgerError(Object.assign(new Error('x'), { code: 'NotFound' }))).toBe(false);
  });
});

describe('exit codes', () => {
  it('send the user back to the command line, file or setting (2) for input they can fix, and report problems as 1', () => {
    const usage: ErrorCode[] = [
      'InvalidArgument',
      'InvalidConfig',
      'NotFound',
      'TaskNotRegistered',
      'FileTooLarge',
      'StoreUnavailable',
    ];
    const problems: ErrorCode[] = ['ConcurrencyConflict', 'StoreBusy', 'TaskNotRunnable', 'LeaseNotExpired'];
    expect(usage.map((code) => EXIT_CODE_OF[code])).toEqual(usage.map(() => EXIT_USAGE));
    expect(problems.map((code) => EXIT_CODE_OF[code])).toEqual(problems.map(() => EXIT_PROBLEM));
  });
});
