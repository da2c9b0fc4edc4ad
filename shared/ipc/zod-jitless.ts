import { z } from 'zod';

/**
 * Imported first by every entry point that runs inside the page (preload, preview bridge,
 * renderer). The page's CSP forbids eval; zod decides per schema, when the schema is built,
 * whether to compile a parser with `new Function`. An init script may be allowed to eval while
 * the page later is not, so the decision must be "never" before any schema exists.
 */
z.config({ jitless: true });
