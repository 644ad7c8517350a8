import t from 'tap'
import { StoreCommandError } from '../../src/index.js'
import { createKeyspace } from '../../src/memory/keyspace.js'

t.test('keyspace: a key is live 1 ms before its expiry instant and gone at it (like Redis PX)', async (t) => {
  let now = 1_000
  const keyspace = createKeyspace(() => now)
  keyspace.write('k', { type: 'string', value: 'v', expiresAt: keyspace.expiresIn(100) })
  now = 1_099
  t.equal(keyspace.readString('k')?.value, 'v')
  now = 1_100
  t.equal(keyspace.read('k'), undefined)
  t.equal(keyspace.delete('k'), false, 'an expired key does not count as deleted')
})

t.test('keyspace: sweep frees expired keys nobody reads, and only those', async (t) => {
  let now = 0
  const keyspace = createKeyspace(() => now)
  for (let i = 0; i < 5; i++) keyspace.write(`short${i}`, { type: 'string', value: 'v', expiresAt: 10 })
  keyspace.write('long', { type: 'set', members: new Set(['m']), expiresAt: 1_000 })
  keyspace.write('forever', { type: 'string', value: 'v', expiresAt: null })
  t.equal(keyspace.sweep(), 0)
  now = 10
  t.equal(keyspace.sweep(), 5)
  t.ok(keyspace.read('long'))
  t.ok(keyspace.read('forever'))
})

t.test('keyspace: reading a key as the other type is StoreCommandError (WRONGTYPE)', async (t) => {
  const keyspace = createKeyspace(() => 0)
  keyspace.write('s', { type: 'set', members: new Set(['m']), expiresAt: null })
  t.throws(() => keyspace.readString('s'), StoreCommandError)
  t.throws(() => keyspace.readSet('missing-is-fine') ?? keyspace.readString('s'), /^WRONGTYPE/)
})
