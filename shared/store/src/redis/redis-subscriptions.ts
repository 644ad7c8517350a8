import type { Redis } from 'ioredis'
import { deliver } from '../deliver.js'
import type { MessageHandler, StoreErrorReporter, Unsubscribe } from '../store.js'
import { toStoreError } from './to-store-error.js'

interface Subscription {
  readonly handler: MessageHandler
  readonly onGap: (() => void) | undefined
}

interface Channel {
  readonly subscriptions: Set<Subscription>
  /** SUBSCRIBE confirmed by the server: later publishes reach this connection. */
  readonly ready: Promise<unknown>
}

export interface RedisSubscriptions {
  subscribe(fullChannel: string, handler: MessageHandler, onGap?: () => void): Promise<Unsubscribe>
  close(): Promise<void>
}

/**
 * Handlers multiplexed over one connection in subscriber mode (RESP2 allows only (UN)SUBSCRIBE
 * and PING there). The connection is opened on the first subscribe; ioredis resubscribes the
 * channels itself after a reconnect. Handlers are looked up when a message arrives, so once
 * unsubscribe() resolves a handler is never called again. Messages published while the connection
 * was down are lost (pub/sub keeps nothing), so once it is ready again after having been ready
 * before, every subscription's onGap is called.
 */
export function createRedisSubscriptions(
  connect: () => Redis,
  report: StoreErrorReporter,
  onClose: (connection: Redis, channels: string[]) => Promise<void>,
): RedisSubscriptions {
  const channels = new Map<string, Channel>()
  let connection: Redis | undefined

  const onMessage = (channel: string, message: string): void => {
    const entry = channels.get(channel)
    if (entry === undefined) return
    for (const subscription of [...entry.subscriptions]) {
      if (entry.subscriptions.has(subscription)) deliver(subscription.handler, message, report)
    }
  }

  const onGap = (): void => {
    for (const entry of channels.values()) {
      for (const subscription of [...entry.subscriptions]) {
        const notify = subscription.onGap
        if (notify !== undefined) deliver(() => notify(), '', report)
      }
    }
  }

  const getConnection = (): Redis => {
    if (connection === undefined) {
      const opened = connect()
      // 'ready' follows each (re)connection once ioredis has subscribed the channels again.
      let wasReady = opened.status === 'ready'
      let lost = false
      opened.on('ready', () => {
        if (lost) onGap()
        wasReady = true
        lost = false
      })
      opened.on('close', () => {
        if (wasReady) lost = true
      })
      opened.on('message', onMessage)
      connection = opened
    }
    return connection
  }

  const forget = (channel: string, entry: Channel, subscription: Subscription): boolean => {
    entry.subscriptions.delete(subscription)
    if (entry.subscriptions.size > 0 || channels.get(channel) !== entry) return false
    channels.delete(channel)
    return true
  }

  return {
    async subscribe(channel, handler, onGap) {
      const redis = getConnection()
      let entry = channels.get(channel)
      if (entry === undefined) {
        entry = { subscriptions: new Set(), ready: redis.subscribe(channel) }
        channels.set(channel, entry)
      }
      const subscription: Subscription = { handler, onGap }
      entry.subscriptions.add(subscription)
      const current = entry
      try {
        await current.ready
      } catch (err) {
        forget(channel, current, subscription)
        throw toStoreError(err)
      }
      return async () => {
        if (!current.subscriptions.has(subscription)) return
        if (!forget(channel, current, subscription)) return
        try {
          await redis.unsubscribe(channel)
        } catch (err) {
          // Locally the handler is gone already; at worst the connection keeps receiving
          // messages for this channel, which are dropped.
          report(toStoreError(err), 'connection')
        }
      }
    },

    async close() {
      const open = connection
      const subscribed = [...channels.keys()]
      connection = undefined
      channels.clear()
      if (open === undefined) return
      open.off('message', onMessage)
      await onClose(open, subscribed)
    },
  }
}
