import type { BacklogTaskDoc } from '@taskledger/projections';
import type { Resolution } from './command-resolution';
import { executeTask } from './execute-task';
import { registerTask, streamTypes, testCommand, testRunner } from './testing/test-runner';

const commandFor = (task: BacklogTaskDoc): Resolution => ({ kind: 'command', command: testCommand(task.id) });

describe('execute one task', () => {
  describe('given a human-required task nobody confirms', () => {
    const setup = async () => {
      const runner = testRunner();
      await registerTask(runner.eventStore, 'H-1', { humanRequired: true });
      const execute = () =>
        runner.clock.run(
          executeTask(runner.deps, 'H-1', {
            confirm: async () => false,
            resolve: commandFor,
            signal: new AbortController().signal,
          }),
        );
      return { ...runner, execute };
    };

    it('counts the skip it reports, the first time and when the same skip was already recorded', async () => {
      const { execute, eventStore } = await setup();
      const first = await execute();
      expect(first.outcome).toMatchObject({ kind: 'skipped', reason: 'human-required', recorded: true });
      expect(first.counts).toMatchObject({ started: 0, skipped: 1 });
      const again = await execute();
      expect(again.outcome).toMatchObject({ kind: 'skipped', recorded: false });
      expect(again.counts).toMatchObject({ started: 0, skipped: 1 });
      expect(await streamTypes(eventStore, 'H-1')).toEqual(['TaskRegistered', 'TaskSkipped']);
    });
  });
});
