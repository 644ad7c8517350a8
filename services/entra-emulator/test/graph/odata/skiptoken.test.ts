import t from 'tap'
import { createSkipTokenCodec, pageBinding } from '../../../src/graph/odata/skiptoken.js'

const codec = createSkipTokenCodec()
const binding = pageBinding('tid/oid', '/v1.0/users', [
  ['$top', '7'],
  ['$filter', "a eq 'b'"],
])

t.test('skiptoken: round-trips the offset for the same request', async (t) => {
  t.equal(codec.read(codec.issue(binding, 14), binding), 14)
})

t.test('skiptoken: binding ignores $skiptoken and option order, not values, path or caller', async (t) => {
  const token = codec.issue(binding, 7)
  const reordered = pageBinding('tid/oid', '/v1.0/users', [
    ['$skiptoken', 'whatever'],
    ['$filter', "a eq 'b'"],
    ['$top', '7'],
  ])
  t.equal(codec.read(token, reordered), 7)
  t.equal(codec.read(token, pageBinding('tid/oid', '/v1.0/users', [['$top', '8']])), undefined)
  t.equal(
    codec.read(
      token,
      pageBinding('tid/other', '/v1.0/users', [
        ['$top', '7'],
        ['$filter', "a eq 'b'"],
      ]),
    ),
    undefined,
  )
  t.equal(
    codec.read(
      token,
      pageBinding('tid/oid', '/v1.0/groups', [
        ['$top', '7'],
        ['$filter', "a eq 'b'"],
      ]),
    ),
    undefined,
  )
})

t.test('skiptoken: a changed offset, a changed MAC, garbage or another key is refused', async (t) => {
  const token = codec.issue(binding, 7)
  const [, mac] = token.split('.')
  t.equal(codec.read(`${Buffer.from('o=70').toString('base64url')}.${mac}`, binding), undefined)
  t.equal(codec.read(`${token.slice(0, -2)}AA`, binding), undefined)
  t.equal(codec.read('garbage', binding), undefined)
  t.equal(codec.read('', binding), undefined)
  t.equal(createSkipTokenCodec().read(token, binding), undefined, 'a per-run key')
})
