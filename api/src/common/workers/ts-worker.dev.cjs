// Worker entry used only when the API runs from its TypeScript sources (Jest, ts-node): a worker
// thread does not share the parent's TypeScript loader, so it registers one of its own and then
// loads the worker named by the pool (`workerData.entry`). The compiled API (dist/) runs the
// compiled worker directly and never loads this file.
require('ts-node').register({
  transpileOnly: true,
  skipProject: true,
  compilerOptions: {
    module: 'commonjs',
    moduleResolution: 'node10',
    target: 'ES2022',
    esModuleInterop: true,
    ignoreDeprecations: '6.0',
  },
});
module.exports = require(require('piscina').workerData.entry);
