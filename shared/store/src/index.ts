export { LockTimeoutError, StoreCommandError, StoreUnavailableError } from './errors.js'
export type { Lock, WithLockOptions } from './lock.js'
export { createMemoryStore } from './memory/memory-store.js'
export type { MemoryStore, MemoryStoreOptions } from './memory/memory-store.js'
export { createRedisStore } from './redis/redis-store.js'
export type { RedisStoreOptions } from './redis/redis-store.js'
export type {
  CompareAndSetOptions,
  IncrOptions,
  MessageHandler,
  SetAddOptions,
  SetOptions,
  Store,
  StoreErrorReporter,
  StoreErrorSource,
  Unsubscribe,
} from './store.js'
