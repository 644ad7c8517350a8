import { deliver } from '../deliver.js'
import type { MessageHandler, StoreErrorReporter, Unsubscribe } from '../store.js'

interface Subscription {
  readonly handler: MessageHandler
}

export interface MemoryPubSub {
  publish(channel: string, message: string): number
  subscribe(channel: string, handler: MessageHandler): Unsubscribe
  clear(): void
}

/**
 * In-process channels with Redis' delivery rules: the subscribers at publish time receive the
 * message asynchronously, in publish order; a handler unsubscribed before delivery is skipped.
 */
export function createMemoryPubSub(report: StoreErrorReporter): MemoryPubSub {
  const channels = new Map<string, Set<Subscription>>()

  return {
    publish(channel, message) {
      const subscriptions = channels.get(channel)
      if (subscriptions === undefined) return 0
      const receivers = [...subscriptions]
      // setImmediate runs callbacks in the order they were queued: publish order is kept.
      setImmediate(() => {
        for (const subscription of receivers) {
          if (subscriptions.has(subscription)) deliver(subscription.handler, message, report)
        }
      })
      return receivers.length
    },

    subscribe(channel, handler) {
      let subscriptions = channels.get(channel)
      if (subscriptions === undefined) {
        subscriptions = new Set()
        channels.set(channel, subscriptions)
      }
      const subscription: Subscription = { handler }
      subscriptions.add(subscription)
      const current = subscriptions
      return () => {
        current.delete(subscription)
        if (current.size === 0 && channels.get(channel) === current) channels.delete(channel)
        return Promise.resolve()
      }
    },

    clear() {
      for (const subscriptions of channels.values()) subscriptions.clear()
      channels.clear()
    },
  }
}
