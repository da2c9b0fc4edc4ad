import type { Handlers } from '../dispatch.js';

/** Quality per staff member (R28), always from the real store. */
export function qualityHandlers(): Pick<Handlers, 'quality.figures' | 'quality.csv'> {
  return {
    'quality.figures': (input, { session, store }) => store.quality.figures(session, input),
    'quality.csv': (input, { session, store }) => store.quality.csv(session, input),
  };
}
