export { startRuntime } from './start-runtime.js'
export type { RuntimeConfig, ServiceRuntime, StartRuntimeOptions } from './start-runtime.js'
