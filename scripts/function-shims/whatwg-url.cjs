// Bundled in place of the `whatwg-url` package (scripts/build-functions.ts): the MongoDB driver's
// connection-string parser (mongodb-connection-string-url) only needs WHATWG `URL` and
// `URLSearchParams`, which Node has built in. The package and its Unicode tables (tr46) are ~15% of
// what a cold start would otherwise read, compile and run.
'use strict';
module.exports = { URL, URLSearchParams };
