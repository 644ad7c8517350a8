import t from 'tap'
import { base64Id, driveId, driveItemId, exchangeId, guid, hexId } from '../../src/seed/ids.js'

t.test('guid: stable per key, distinct across keys, shaped as a version 4 UUID (RFC 9562)', async (t) => {
  t.equal(guid('user:a'), guid('user:a'))
  t.not(guid('user:a'), guid('user:b'))
  for (let i = 0; i < 200; i++) {
    t.match(guid(`k${i}`), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  }
})

t.test('exchangeId: base64url, safe in a URL path segment, prefix chosen by kind', async (t) => {
  const id = exchangeId('message:1')
  t.match(id, /^AAMkA[A-Za-z0-9_-]+AAA=$/)
  t.equal(encodeURIComponent(id).replace('%3D', '='), id, 'only "=" needs encoding')
  t.match(exchangeId('conversation:1', 'AAQkA'), /^AAQkA/)
  t.not(exchangeId('a'), exchangeId('b'))
})

t.test('driveItemId / driveId: OneDrive for Business formats', async (t) => {
  t.match(driveItemId('x'), /^01[A-Z2-7]{32}$/)
  t.match(driveId('x'), /^b![A-Za-z0-9_-]{64}$/)
  t.not(driveItemId('x'), driveItemId('y'))
})

t.test('hexId / base64Id: requested byte length', async (t) => {
  t.match(hexId('x', 16), /^[0-9A-F]{32}$/)
  t.equal(Buffer.from(base64Id('x', 20), 'base64').length, 20)
  t.equal(Buffer.from(base64Id('x', 40), 'base64').length, 40, 'lengths beyond one digest work')
})
