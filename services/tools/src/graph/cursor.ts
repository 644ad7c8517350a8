// Opaque paging cursors for the model: a Graph nextLink sealed with HMAC-SHA256 (RFC 2104) over the
// user, the tool and the link, so a cursor works only for the user and tool it was given to and
// cannot be edited. The link is also checked against the Graph base URL on sealing and opening:
// even a holder of the key cannot make a cursor send a user's token anywhere but Graph. The link is
// readable inside the cursor (it holds only the query the same user asked for); integrity, not
// secrecy, is the point. Format: `c1.<base64url link>.<base64url mac>`.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { isGraphLink } from './graph-link.js'
import { ToolError } from './tool-error.js'

export type CursorKey = string | Uint8Array

export interface CursorBinding {
  /** First key seals; every key opens (rotation: put the new key first, keep the old one a while). */
  key: CursorKey | readonly CursorKey[]
  /** The user the cursor belongs to (the `sub` of our access token). */
  userId: string
  /** The tool that issued it; another tool cannot use it. */
  tool: string
  graphBaseUrl: string
}

const VERSION = 'c1'
const MAX_CURSOR_LENGTH = 8192

export function sealCursor(nextLink: string, binding: CursorBinding): string {
  if (!isGraphLink(nextLink, binding.graphBaseUrl)) {
    throw new ToolError('internal', 'A continuation link outside Microsoft Graph was refused.')
  }
  const keys = keyList(binding.key)
  const first = keys[0]
  if (first === undefined) throw new Error('sealCursor needs a key')
  const payload = Buffer.from(nextLink, 'utf8').toString('base64url')
  return `${VERSION}.${payload}.${mac(first, binding, nextLink).toString('base64url')}`
}

/** The nextLink inside `cursor`, or a ToolError `bad_request` "invalid cursor". */
export function openCursor(cursor: string, binding: CursorBinding): string {
  const invalid = () =>
    new ToolError(
      'bad_request',
      'The cursor is invalid or belongs to another request; start again without a cursor.',
    )
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw invalid()
  const [version, payload, tag, ...rest] = cursor.split('.')
  if (version !== VERSION || payload === undefined || tag === undefined || rest.length > 0) throw invalid()
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(tag)) throw invalid()
  const link = Buffer.from(payload, 'base64url').toString('utf8')
  const presented = Buffer.from(tag, 'base64url')
  const verified = keyList(binding.key).some((key) => {
    const expected = mac(key, binding, link)
    return expected.length === presented.length && timingSafeEqual(expected, presented)
  })
  if (!verified || !isGraphLink(link, binding.graphBaseUrl)) throw invalid()
  return link
}

function keyList(key: CursorBinding['key']): readonly CursorKey[] {
  return typeof key === 'string' || key instanceof Uint8Array ? [key] : key
}

function mac(key: CursorKey, binding: CursorBinding, link: string): Buffer {
  // JSON array: an unambiguous encoding of the bound fields (no concatenation collisions).
  const input = JSON.stringify(['m365mcp-cursor', VERSION, binding.userId, binding.tool, link])
  return createHmac('sha256', key).update(input).digest()
}
