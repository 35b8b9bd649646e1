// Bundled in place of zod's `locales/index.js` (scripts/build-functions.ts): zod re-exports its
// error messages in ~60 languages as `z.locales`, all evaluated at load; the API writes its own
// Chinese messages and uses only zod's default (English, `en`), which zod configures itself.
export { default as en } from 'zod/v4/locales/en.js';
