/**
 * zod's functional build (`zod/mini`) with English messages, for the schemas on a cold start's path
 * (configuration, the sites queries the fast lane parses). The same validation as `zod` (one core,
 * same checks and messages), but a bundle keeps only the parts a schema uses: loading it costs ~1.5 ms
 * against ~7 ms for `zod`, which the rest of the API keeps using (loaded with Express, app.js).
 *
 * `zod` sets English messages itself on its first schema; `zod/mini` leaves that to its user, so it is
 * done here (the same locale, so the order in which the two are loaded does not matter).
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

// Imported as a namespace (`import * as z`) and used as `z.string()` etc., so a bundler keeps only
// the functions the schemas call.
export * from 'zod/mini';
