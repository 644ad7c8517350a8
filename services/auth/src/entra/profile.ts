// The signed-in user's Graph profile, kept with the grant for display (Microsoft Graph v1.0
// GET /me with $select). Plain fetch through the Entra transport: the tools service owns the SDK.
// https://learn.microsoft.com/graph/api/user-get
import { z } from 'zod'
import type { EntraFetch } from './entra-fetch.js'
import { EntraError } from './errors.js'
import { parseRetryAfter } from './retry.js'

export interface GraphProfile {
  id: string
  displayName: string | null
  userPrincipalName: string
  mail: string | null
}

const MAX_BODY_BYTES = 64 * 1024

const profileSchema = z.object({
  id: z.string().min(1).max(256),
  displayName: z.string().max(1024).nullable().default(null),
  userPrincipalName: z.string().min(1).max(1024),
  mail: z.string().max(1024).nullable().default(null),
})

export async function getProfile(
  fetch: EntraFetch,
  graphBaseUrl: string,
  accessToken: string,
  now: () => number,
): Promise<GraphProfile> {
  if (typeof accessToken !== 'string' || accessToken.length === 0)
    throw new TypeError('accessToken is required')
  const url = `${graphBaseUrl}/me?$select=id,displayName,userPrincipalName,mail`
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  }).catch((err: unknown) => {
    throw new EntraError('transient', 'profile: Graph unreachable', { cause: err })
  })
  const body = await response.arrayBuffer().catch((err: unknown) => {
    throw new EntraError('transient', 'profile: Graph response interrupted', { cause: err })
  })
  const upstream = { status: response.status }
  if (response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now())
    throw new EntraError('transient', `profile: Graph answered ${response.status}`, {
      upstream,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    })
  }
  if (response.status !== 200)
    throw new EntraError('upstream_error', `profile: Graph answered ${response.status}`, { upstream })
  if (body.byteLength > MAX_BODY_BYTES)
    throw new EntraError('upstream_error', 'profile: response too large', { upstream })
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'))
  } catch (err) {
    throw new EntraError('upstream_error', 'profile: response is not JSON', { upstream, cause: err })
  }
  const parsed = profileSchema.safeParse(json)
  if (!parsed.success)
    throw new EntraError('upstream_error', 'profile: unexpected response shape', { upstream })
  return parsed.data
}
