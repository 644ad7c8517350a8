import { StoreCommandError, StoreUnavailableError } from '../errors.js'

/*
 * Error replies that mean "try again later" rather than "bad command": the server is loading its
 * data set, a replica was promoted (READONLY), the cluster or primary is down, or a script is
 * hogging the server (BUSY).
 */
const UNAVAILABLE_REPLY = /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY|NOREPLICAS)\b/

/**
 * Maps what ioredis rejects with onto the store's errors. An error reply from the server is a
 * refused command; anything else (connection refused or lost, closed client, retries or command
 * timeout exhausted) means the store is unavailable.
 */
export function toStoreError(err: unknown): Error {
  if (err instanceof StoreUnavailableError || err instanceof StoreCommandError) return err
  const message = err instanceof Error ? err.message : String(err)
  if (err instanceof Error && err.name === 'ReplyError') {
    return UNAVAILABLE_REPLY.test(message)
      ? new StoreUnavailableError(`Redis is unavailable: ${message}`, { cause: err })
      : new StoreCommandError(message, { cause: err })
  }
  return new StoreUnavailableError(`Redis is unavailable: ${message}`, { cause: err })
}
