// Bundled in place of a few Node built-in modules that the MongoDB driver and pino's helpers require
// at load but use only later, if at all (scripts/build-functions.ts: `tls` without TLS, `dns` without
// mongodb+srv, `zlib` without wire compression, `fs/promises`, `assert`, `timers/promises`): Node
// compiles a built-in on its first require, ~1-4 ms each at a cold start. The module is required on
// first use of any of its members instead. `LAZY_BUILTIN` is replaced by the module's name per import.
'use strict';
let real;
const load = () => (real ??= require(LAZY_BUILTIN));
// Only what those modules do with them: call (assert), read a member, test one with `in`.
module.exports = new Proxy(function lazyBuiltin() {}, {
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
});
