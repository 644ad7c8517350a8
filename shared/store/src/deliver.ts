import type { MessageHandler, StoreErrorReporter } from './store.js'

/**
 * Calls one subscription handler. A handler that throws or rejects is reported, never allowed to
 * break delivery to the other handlers or to crash the connection's event loop.
 */
export function deliver(handler: MessageHandler, message: string, report: StoreErrorReporter): void {
  try {
    const result = handler(message)
    if (result instanceof Promise) result.catch((err: unknown) => report(toError(err), 'handler'))
  } catch (err) {
    report(toError(err), 'handler')
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

/** Handler failures are bugs worth seeing; connection and release errors surface in calls anyway. */
export const defaultReporter: StoreErrorReporter = (error, source) => {
  if (source === 'handler') process.emitWarning(error)
}
