// Bundled in place of a few Node built-in modules that the MongoDB driver and pino's helpers require
// at load but use only later, if at all (scripts/build-functions.ts: `tls` without TLS, `dns` without
// mongodb+srv, `zlib` without wire compression, `fs/promises`, `assert`, `timers/promises`): Node
// compiles a built-in on its first require, ~1-4 ms each at a cold start. The module is required on
// first use of any of its members instead. `LAZY_BUILTIN` is replaced by the module's name per import,
// `LATER_CALLS` by the functions some module reads at load only to call them later (the driver binds
// `zlib.inflate` and `zlib.deflate` at load): reading one of those gives a function that requires
// the module when called.
'use strict';
let real;
const load = () => (real ??= require(LAZY_BUILTIN));
const later = new Set(LATER_CALLS);
const deferred = new Map();
function deferredCall(key) {
  if (!deferred.has(key)) deferred.set(key, function lazyMember(...args) { return Reflect.apply(load()[key], load(), args); });
  return deferred.get(key);
}
// Only what those modules do with them: call (assert), read a member, test one with `in`.
module.exports = new Proxy(function lazyBuiltin() {}, {
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => (real === undefined && later.has(key) ? deferredCall(key) : load()[key]),
  has: (_target, key) => key in load(),
});
