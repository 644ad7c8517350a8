// The zod schema of client metadata (RFC 7591 §2) as this server accepts it, shared by Dynamic
// Client Registration and Client ID Metadata Documents. Unknown fields are dropped (RFC 7591 §2:
// "the authorization server MUST ignore any client metadata sent by the client that it does not
// understand"). Redirect URIs are checked separately by the redirect URI policy. Every message is
// public text for `error_description`.
import { z } from 'zod'
import { parseScope } from './scope.js'

export const TOKEN_ENDPOINT_AUTH_METHODS = ['none', 'client_secret_post', 'client_secret_basic'] as const
export const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const

// C0 and C1 controls (including CR/LF and DEL): never part of a name, URL or contact.
const noControls = (value: string) =>
  ![...value].some((char) => {
    const code = char.charCodeAt(0)
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f)
  })

const text = (max: number) => {
  const error = `must be a string of at most ${max} characters without control characters`
  return z.string({ error }).max(max, { error }).refine(noControls, { error })
}

const isHttpsUrl = (value: string) => {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== ''
}

const httpsUrl = text(2000).refine(isHttpsUrl, { error: 'must be an https URL without userinfo' })

const scope = text(1000).refine(
  (value) => {
    try {
      return parseScope(value).length > 0
    } catch {
      return false
    }
  },
  { error: 'must be a space-separated list of scope tokens' },
)

// Prefixes of identifiers this server assigns (users `usr_`, clients `mcp_`): a registrant-chosen
// software_id must not be mistakable for one (RFC 9700 §4.15, ATTACKS E39).
const RESERVED_PREFIXES = /^(usr|mcp)_/i

const uniqueList = <T extends string>(item: z.ZodType<T>, max: number, what: string) =>
  z
    .array(item, { error: `must be an array of ${what}` })
    .min(1, { error: `must list at least one ${what}` })
    .max(max, { error: `must list at most ${max} ${what}` })
    .transform((values) => [...new Set(values)])

export const clientMetadataSchema = z.object(
  {
    redirect_uris: z
      .array(z.string({ error: 'must be an array of strings' }), { error: 'is required: an array of URIs' })
      .min(1, { error: 'must list at least one redirect URI' }),
    token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS, {
      error: 'must be none, client_secret_post or client_secret_basic',
    }),
    grant_types: uniqueList(
      z.enum(GRANT_TYPES, { error: 'may list only authorization_code and refresh_token' }),
      2,
      'grant types',
    )
      .refine((values) => values.includes('authorization_code'), {
        // RFC 7591 §2.1: response_types "code" goes with the authorization_code grant.
        error: 'must include authorization_code',
      })
      .default(['authorization_code', 'refresh_token']),
    response_types: uniqueList(
      z.literal('code', { error: 'may list only code' }),
      1,
      'response types',
    ).default(['code']),
    client_name: text(200).optional(),
    client_uri: httpsUrl.optional(),
    logo_uri: httpsUrl.optional(),
    tos_uri: httpsUrl.optional(),
    policy_uri: httpsUrl.optional(),
    scope: scope.transform((value) => parseScope(value).join(' ')).optional(),
    contacts: uniqueList(text(320), 10, 'contacts').optional(),
    software_id: text(200)
      .refine((value) => !RESERVED_PREFIXES.test(value), {
        error: 'must not use a prefix reserved for identifiers',
      })
      .optional(),
    software_version: text(100).optional(),
  },
  { error: 'client metadata must be a JSON object' },
)

export type ClientMetadata = z.output<typeof clientMetadataSchema>
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number]
export type GrantType = (typeof GRANT_TYPES)[number]
