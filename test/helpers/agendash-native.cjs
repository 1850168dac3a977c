// Agendash's compiled ESM declares its own `__dirname`, which clashes with jest's CommonJS wrapper
// once transformed. Tests load it with Node's own require (Node 20 loads ESM through require),
// exactly as the built server does; jest's `module` is patched, so the built-in is fetched directly.
module.exports = process.getBuiltinModule('node:module').createRequire(__filename)('agendash');
