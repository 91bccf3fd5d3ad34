/** Milliseconds since the epoch. Injected (CLOCK) where a test must move time instead of sleeping. */
export type Clock = () => number;

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = () => Date.now();
