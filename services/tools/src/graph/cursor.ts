// Opaque paging cursors for the model: a position in a Graph collection sealed with HMAC-SHA256
// (RFC 2104) over the user, the tool and the position, so a cursor works only for the user and tool
// it was given to and cannot be edited. A position is the link of a Graph page plus how many of that
// page's items were already shown (`skip`): 0 for a page not yet seen (a nextLink), more when the
// size budget cut a page and the cursor resumes at the first item left out (list-result.ts). The
// link is also checked against the Graph base URL on sealing and opening: even a holder of the key
// cannot make a cursor send a user's token anywhere but Graph. The link is readable inside the
// cursor (it holds only the query the same user asked for); integrity, not secrecy, is the point.
//
// Format: `c2.<base64url link>.<skip, decimal>.<base64url mac>`. The older `c1.<base64url link>.<mac>`
// (a nextLink, no skip) still opens, as skip 0: cursors live only as long as a listing, but a client
// mid-listing across a deploy holds c1 cursors from the previous version, and refusing them would
// make it start over for no security gain (c1 binds user, tool and link under the same keys).
// Only c2 is sealed; c1 opening can go once no replica of the previous version is left.
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

/** Where a listing continues: the Graph page at `link`, without its first `skip` items. */
export interface CursorPosition {
  /** An absolute Graph URL: a nextLink, or the URL of a first page as it was requested. */
  link: string
  /** Items of that page already shown; 0 ≤ skip ≤ MAX_SKIP. */
  skip: number
}

const VERSION = 'c2'
const LEGACY_VERSION = 'c1'
const MAX_CURSOR_LENGTH = 8192
/** Above any Graph page size (`$top` caps at 999), so a real page never needs more. */
export const MAX_SKIP = 999

export function sealCursor(position: CursorPosition, binding: CursorBinding): string {
  if (!isGraphLink(position.link, binding.graphBaseUrl)) {
    throw new ToolError('internal', 'A continuation link outside Microsoft Graph was refused.')
  }
  if (!validSkip(position.skip)) throw new ToolError('internal', 'A continuation position was out of range.')
  const first = keyList(binding.key)[0]
  if (first === undefined) throw new Error('sealCursor needs a key')
  const payload = Buffer.from(position.link, 'utf8').toString('base64url')
  const tag = mac(first, binding, VERSION, position.link, position.skip).toString('base64url')
  return `${VERSION}.${payload}.${position.skip}.${tag}`
}

/** The position inside `cursor`, or a ToolError `bad_request` "invalid cursor". */
export function openCursor(cursor: string, binding: CursorBinding): CursorPosition {
  const invalid = () =>
    new ToolError(
      'bad_request',
      'The cursor is invalid or belongs to another request; start again without a cursor.',
    )
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw invalid()
  const parts = cursor.split('.')
  const [version, payload] = parts
  let skipText: string | undefined
  let tag: string | undefined
  if (version === VERSION && parts.length === 4) [, , skipText, tag] = parts
  else if (version === LEGACY_VERSION && parts.length === 3) [, , tag] = parts
  else throw invalid()
  if (payload === undefined || tag === undefined) throw invalid()
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(tag)) throw invalid()
  // Canonical decimal only (no sign, no leading zero), so one position has exactly one cursor.
  if (skipText !== undefined && !/^(0|[1-9][0-9]{0,2})$/.test(skipText)) throw invalid()
  const skip = skipText === undefined ? 0 : Number(skipText)
  const link = Buffer.from(payload, 'base64url').toString('utf8')
  const presented = Buffer.from(tag, 'base64url')
  const verified = keyList(binding.key).some((key) => {
    const expected = mac(key, binding, version, link, skipText === undefined ? undefined : skip)
    return expected.length === presented.length && timingSafeEqual(expected, presented)
  })
  if (!verified || !validSkip(skip) || !isGraphLink(link, binding.graphBaseUrl)) throw invalid()
  return { link, skip }
}

function validSkip(skip: number): boolean {
  return Number.isSafeInteger(skip) && skip >= 0 && skip <= MAX_SKIP
}

function keyList(key: CursorBinding['key']): readonly CursorKey[] {
  return typeof key === 'string' || key instanceof Uint8Array ? [key] : key
}

function mac(
  key: CursorKey,
  binding: CursorBinding,
  version: string,
  link: string,
  skip: number | undefined,
): Buffer {
  // JSON array: an unambiguous encoding of the bound fields (no concatenation collisions). The
  // version is inside, so a c1 MAC can never be replayed as a c2 cursor or the other way round.
  const fields = ['m365mcp-cursor', version, binding.userId, binding.tool, link]
  const input = JSON.stringify(skip === undefined ? fields : [...fields, skip])
  return createHmac('sha256', key).update(input).digest()
}
