import { ReplyError } from 'ioredis'
import t from 'tap'
import { StoreCommandError, StoreUnavailableError } from '../../src/index.js'
import { toStoreError } from '../../src/redis/to-store-error.js'

t.test('toStoreError: an error reply is a StoreCommandError carrying the reply text', async (t) => {
  const reply = new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value') as Error
  const error = toStoreError(reply)
  t.ok(error instanceof StoreCommandError)
  t.equal(error.message, reply.message)
  t.equal(error.cause, reply)
})

t.test(
  'toStoreError: replies meaning "not now" (LOADING, READONLY, BUSY …) are StoreUnavailableError',
  async (t) => {
    for (const text of [
      'LOADING Redis is loading',
      'READONLY You can’t write against a read only replica.',
      'BUSY script',
    ]) {
      t.ok(toStoreError(new ReplyError(text)) instanceof StoreUnavailableError, text)
    }
  },
)

t.test(
  'toStoreError: anything else from the client (closed, timeouts, sockets) is StoreUnavailableError',
  async (t) => {
    const closed = toStoreError(new Error('Connection is closed.'))
    t.ok(closed instanceof StoreUnavailableError)
    t.equal((closed as StoreUnavailableError).code, 'store_unavailable')
    t.ok(toStoreError('not even an Error') instanceof StoreUnavailableError)
    const already = new StoreCommandError('kept')
    t.equal(toStoreError(already), already, 'store errors pass through unchanged')
  },
)
