/** Exit code of a run stopped by a signal: 128 + the signal's number, as shells report it. */
export const signalExitCode = (signal: AbortSignal): number => (signal.reason === 'SIGTERM' ? 143 : 130);

/**
 * Ctrl-C / SIGTERM abort the returned signal (reason: the signal's name) so running attempts are
 * stopped and recorded as interrupted; a second one quits at once.
 */
export const interruptOnSignals = (
  onFirst: (signal: NodeJS.Signals) => void,
): { signal: AbortSignal; dispose: () => void } => {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    controller.abort(signal);
    onFirst(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
};
