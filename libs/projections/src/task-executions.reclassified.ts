import { EventOfType } from '@taskledger/events';
import { ProjectedEvent } from './projection';
import { TaskExecutionDoc } from './task-executions.doc';

/**
 * A re-classified failure: the last error takes the new category and severity when it is that
 * failure, and so does the execution's failure when the execution ended on it.
 */
export const errorReclassified = (
  doc: TaskExecutionDoc,
  event: ProjectedEvent<EventOfType<'ErrorReclassified'>>,
): TaskExecutionDoc => {
  const { executionId, attempt, to } = event.data;
  const { lastError, failure, currentExecution } = doc;
  const isLastError = lastError !== null && lastError.executionId === executionId && lastError.attempt === attempt;
  const endedOnIt =
    failure !== null && currentExecution?.executionId === executionId && currentExecution.attempt === attempt;
  if (!isLastError && !endedOnIt) return doc;
  return {
    ...doc,
    lastError: isLastError ? { ...lastError, category: to.category, severity: to.severity } : lastError,
    failure: endedOnIt ? { ...failure, category: to.category } : failure,
  };
};
