/** Time comes from here so tests can move it (deadlines, lockouts, idle lock). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
