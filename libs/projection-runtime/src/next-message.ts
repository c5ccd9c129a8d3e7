/**
 * The iterator's next result; when `idleMs` passes first, runs `onIdle` (to write a partly
 * filled batch) and keeps waiting for the same result. `idleMs` null: just wait.
 */
export const nextMessage = async <T>(
  iterator: AsyncIterator<T>,
  idleMs: number | null,
  onIdle: () => Promise<void>,
): Promise<IteratorResult<T>> => {
  const next = iterator.next();
  if (idleMs === null) return next;
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<'idle'>((resolve) => {
    timer = setTimeout(() => resolve('idle'), idleMs);
  });
  const first = await Promise.race([next, idle]);
  clearTimeout(timer);
  if (first !== 'idle') return first;
  await onIdle();
  return next;
};
