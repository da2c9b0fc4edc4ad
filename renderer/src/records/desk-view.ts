/** Where the desk is: one screen at a time, chosen by the person (the session decides the rest). */
export type DeskView =
  | { name: 'home' }
  | { name: 'intake'; recordId: string }
  | { name: 'self-review'; recordId: string }
  | { name: 'review'; recordId: string; stage: 'cross' | 'final' }
  | { name: 'record'; recordId: string }
  | { name: 'search' };
