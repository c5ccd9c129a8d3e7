export { VirtualClock } from './virtual-clock';
export { scriptedExecutor } from './scripted-executor';
export type { ScriptedAttempt, ScriptedCall } from './scripted-executor';
export { testRunner, testSettings, testCommand, registerTask, streamTypes, fields } from './test-runner';
export type { TestRunnerOptions } from './test-runner';
