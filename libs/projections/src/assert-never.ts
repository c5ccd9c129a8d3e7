/**
 * For the `default` of an exhaustive switch over handled events: a type error when a case is
 * missing; at run time (an event type the projection does not handle) it keeps `fallback`.
 */
export const assertNeverEvent = <D>(_event: never, fallback: D): D => fallback;
