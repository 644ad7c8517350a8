// Cursors are bound to the user and the tool by HMAC and can never point outside Graph.
import { createHmac, randomBytes } from 'node:crypto'
import t, { type Test } from 'tap'
import { openCursor, sealCursor, type CursorBinding } from '../../src/graph/cursor.js'
import { ToolError } from '../../src/graph/tool-error.js'

const BASE = 'https://graph.microsoft.com/v1.0'
const LINK = `${BASE}/users?$top=10&$skiptoken=RFNwdAIAAQAAACs6`
const key = randomBytes(32)
const binding: CursorBinding = { key, userId: 'user-1', tool: 'listUsers', graphBaseUrl: BASE }

function refused(t: Test, cursor: string, other: Partial<CursorBinding> = {}, label = 'refused') {
  try {
    openCursor(cursor, { ...binding, ...other })
    t.fail(`${label}: the cursor opened`)
  } catch (error) {
    t.ok(error instanceof ToolError && error.code === 'bad_request', `${label}: bad_request`)
    t.match((error as Error).message, /cursor is invalid/, `${label}: invalid cursor`)
  }
}

t.test('openCursor: a sealed nextLink opens for its user and tool', async (t) => {
  const cursor = sealCursor(LINK, binding)
  t.notMatch(cursor, /graph\.microsoft\.com/, 'opaque: the link is not readable as is')
  t.equal(openCursor(cursor, binding), LINK)
})

t.test('openCursor: another user or another tool is refused', async (t) => {
  const cursor = sealCursor(LINK, binding)
  refused(t, cursor, { userId: 'user-2' }, 'other user')
  refused(t, cursor, { tool: 'listMessages' }, 'other tool')
  refused(t, cursor, { key: randomBytes(32) }, 'other key')
})

t.test('openCursor: any change to the cursor is refused', async (t) => {
  const cursor = sealCursor(LINK, binding)
  const [v, payload = '', mac = ''] = cursor.split('.')
  const evilPayload = Buffer.from(`${BASE}/users?$top=999`).toString('base64url')
  refused(t, `${v}.${evilPayload}.${mac}`, {}, 'payload swapped')
  const flipped = mac.slice(0, -2) + (mac.endsWith('AA') ? 'AB' : 'AA')
  refused(t, `${v}.${payload}.${flipped}`, {}, 'MAC changed')
  refused(t, `c2.${payload}.${mac}`, {}, 'version changed')
  refused(t, `${cursor}.extra`, {}, 'extra part')
  refused(t, '', {}, 'empty')
  refused(t, 'garbage', {}, 'garbage')
  refused(t, `${v}.${payload}.${mac}`.repeat(200), {}, 'oversized')
})

t.test('openCursor: a correctly MACed link outside Graph is still refused', async (t) => {
  // A holder of the key forging a cursor to another host: the base URL check stops it on opening.
  for (const link of ['https://evil.example/v1.0/users', 'https://graph.microsoft.com/beta/users']) {
    const payload = Buffer.from(link).toString('base64url')
    const mac = createHmac('sha256', key)
      .update(JSON.stringify(['m365mcp-cursor', 'c1', binding.userId, binding.tool, link]))
      .digest('base64url')
    t.throws(() => openCursor(`c1.${payload}.${mac}`, binding), ToolError, link)
  }
  // The forgery recipe matches the real one: the same recipe for a Graph link opens.
  const payload = Buffer.from(LINK).toString('base64url')
  const mac = createHmac('sha256', key)
    .update(JSON.stringify(['m365mcp-cursor', 'c1', binding.userId, binding.tool, LINK]))
    .digest('base64url')
  t.equal(openCursor(`c1.${payload}.${mac}`, binding), LINK)
})

t.test('sealCursor: refuses to seal a link outside Graph', async (t) => {
  t.throws(() => sealCursor('https://evil.example/v1.0/users', binding), ToolError)
  t.throws(() => sealCursor(`https://graph.microsoft.com@evil.example/v1.0/users`, binding), ToolError)
})

t.test('key rotation: the first key seals, every listed key opens', async (t) => {
  const old = randomBytes(32)
  const fresh = randomBytes(32)
  const sealedOld = sealCursor(LINK, { ...binding, key: old })
  t.equal(openCursor(sealedOld, { ...binding, key: [fresh, old] }), LINK)
  const sealedNew = sealCursor(LINK, { ...binding, key: [fresh, old] })
  t.equal(openCursor(sealedNew, { ...binding, key: fresh }), LINK)
  refused(t, sealedNew, { key: old }, 'the old key alone does not open a new cursor')
})
