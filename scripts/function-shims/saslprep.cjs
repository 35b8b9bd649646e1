// Bundled in place of `@mongodb-js/saslprep` (scripts/build-functions.ts): the driver requires it at
// load, and loading it unpacks its Unicode tables with zlib, though it is only called to sign in with
// SCRAM-SHA-256. This loads the real module on that first call instead.
'use strict';
let real;
function saslprep(input, opts) {
  real ??= require('@mongodb-js/saslprep');
  return real(input, opts);
}
saslprep.saslprep = saslprep;
saslprep.default = saslprep;
module.exports = saslprep;
