// Cursors are bound to the user and the tool by HMAC, carry a position (page link + items of it
// already shown) that cannot be edited, and can never point outside Graph.
import { createHmac, randomBytes } from 'node:crypto'
import t, { type Test } from 'tap'
import { MAX_SKIP, openCursor, sealCursor, type CursorBinding } from '../../src/graph/cursor.js'
import { ToolError } from '../../src/graph/tool-error.js'

const BASE = 'https://graph.microsoft.com/v1.0'
const LINK = `${BASE}/users?$top=10&$skiptoken=RFNwdAIAAQAAACs6`
const AT = { link: LINK, skip: 0 }
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

/** A cursor MACed with the real recipe and key: what a holder of the key could forge. */
function forge(version: 'c1' | 'c2', link: string, skip?: string) {
  const fields: unknown[] = ['m365mcp-cursor', version, binding.userId, binding.tool, link]
  if (skip !== undefined) fields.push(Number(skip))
  const mac = createHmac('sha256', key).update(JSON.stringify(fields)).digest('base64url')
  const payload = Buffer.from(link).toString('base64url')
  return skip === undefined ? `${version}.${payload}.${mac}` : `${version}.${payload}.${skip}.${mac}`
}

t.test('openCursor: a sealed position opens for its user and tool', async (t) => {
  const cursor = sealCursor(AT, binding)
  t.match(cursor, /^c2\.[A-Za-z0-9_-]+\.0\.[A-Za-z0-9_-]{43}$/, 'c2 format')
  t.notMatch(cursor, /graph\.microsoft\.com/, 'opaque: the link is not readable as is')
  t.same(openCursor(cursor, binding), AT)
  const resume = sealCursor({ link: LINK, skip: 7 }, binding)
  t.same(openCursor(resume, binding), { link: LINK, skip: 7 }, 'a resume position keeps its skip')
  t.same(openCursor(sealCursor({ link: LINK, skip: MAX_SKIP }, binding), binding).skip, MAX_SKIP)
})

t.test('openCursor: another user or another tool is refused', async (t) => {
  for (const skip of [0, 7]) {
    const cursor = sealCursor({ link: LINK, skip }, binding)
    refused(t, cursor, { userId: 'user-2' }, `other user, skip ${skip}`)
    refused(t, cursor, { tool: 'listMessages' }, `other tool, skip ${skip}`)
    refused(t, cursor, { key: randomBytes(32) }, `other key, skip ${skip}`)
  }
})

t.test('openCursor: any change to the cursor is refused', async (t) => {
  const cursor = sealCursor({ link: LINK, skip: 4 }, binding)
  const [v, payload = '', skip = '', mac = ''] = cursor.split('.')
  t.equal(skip, '4')
  const evilPayload = Buffer.from(`${BASE}/users?$top=999`).toString('base64url')
  refused(t, `${v}.${evilPayload}.${skip}.${mac}`, {}, 'payload swapped')
  for (const other of ['0', '3', '5', '999', '04', '-4', '+4', '4.0', '1000', 'x', ''])
    refused(t, `${v}.${payload}.${other}.${mac}`, {}, `skip changed to "${other}"`)
  const flipped = mac.slice(0, -2) + (mac.endsWith('AA') ? 'AB' : 'AA')
  refused(t, `${v}.${payload}.${skip}.${flipped}`, {}, 'MAC changed')
  refused(t, `c1.${payload}.${skip}.${mac}`, {}, 'version changed to c1')
  refused(t, `c1.${payload}.${mac}`, {}, 'skip dropped, as c1')
  refused(t, `c3.${payload}.${skip}.${mac}`, {}, 'unknown version')
  refused(t, `${cursor}.extra`, {}, 'extra part')
  refused(t, '', {}, 'empty')
  refused(t, 'garbage', {}, 'garbage')
  refused(t, cursor.repeat(200), {}, 'oversized')
})

t.test('openCursor: a correctly MACed position outside Graph or out of range is still refused', async (t) => {
  // A holder of the key forging a cursor to another host: the base URL check stops it on opening.
  for (const link of ['https://evil.example/v1.0/users', 'https://graph.microsoft.com/beta/users']) {
    refused(t, forge('c2', link, '0'), {}, `c2 ${link}`)
    refused(t, forge('c2', link, '3'), {}, `c2 resume ${link}`)
    refused(t, forge('c1', link), {}, `c1 ${link}`)
  }
  refused(t, forge('c2', LINK, '1000'), {}, 'skip above the bound')
  // The forgery recipe matches the real one: the same recipe for a Graph link opens.
  t.same(openCursor(forge('c2', LINK, '3'), binding), { link: LINK, skip: 3 })
  t.equal(forge('c2', LINK, '3'), sealCursor({ link: LINK, skip: 3 }, binding))
})

t.test('openCursor: a c1 cursor of the previous version still opens, at skip 0', async (t) => {
  t.same(openCursor(forge('c1', LINK), binding), AT)
  refused(t, forge('c1', LINK), { tool: 'listMessages' }, 'c1 of another tool')
  refused(t, forge('c1', LINK), { userId: 'user-2' }, 'c1 of another user')
})

t.test('sealCursor: refuses a link outside Graph or a skip out of range', async (t) => {
  t.throws(() => sealCursor({ link: 'https://evil.example/v1.0/users', skip: 0 }, binding), ToolError)
  t.throws(
    () => sealCursor({ link: `https://graph.microsoft.com@evil.example/v1.0/users`, skip: 0 }, binding),
    ToolError,
  )
  for (const skip of [-1, 1.5, MAX_SKIP + 1, Number.NaN])
    t.throws(() => sealCursor({ link: LINK, skip }, binding), ToolError, `skip ${skip}`)
})

t.test('key rotation: the first key seals, every listed key opens', async (t) => {
  const old = randomBytes(32)
  const fresh = randomBytes(32)
  const sealedOld = sealCursor(AT, { ...binding, key: old })
  t.same(openCursor(sealedOld, { ...binding, key: [fresh, old] }), AT)
  const sealedNew = sealCursor(AT, { ...binding, key: [fresh, old] })
  t.same(openCursor(sealedNew, { ...binding, key: fresh }), AT)
  refused(t, sealedNew, { key: old }, 'the old key alone does not open a new cursor')
})
