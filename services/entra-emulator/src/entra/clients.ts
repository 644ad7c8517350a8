// App registrations: what Entra knows about an application — its id, the tenant it lives in, its
// credentials (a client secret and/or a certificate's public key for private_key_jwt), its exact
// redirect URIs and the delegated Graph permissions an administrator consented for it.
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { JWK } from 'jose'
import { canonicalGraphPermission } from './graph-permissions.js'

export interface EmulatorClient {
  /** Application (client) id, a GUID. */
  clientId: string
  /** The tenant the app registration lives in. */
  tenantId: string
  clientSecret?: string
  /** Exact-match redirect URIs (https, or http on a loopback host as Entra allows). */
  redirectUris: string[]
  /** Admin-consented delegated Graph permissions, e.g. User.Read; what `.default` expands to. */
  permissions: string[]
  /** Public keys of the app's certificate credentials, for private_key_jwt client authentication. */
  jwks?: { keys: JWK[] }
  name?: string
  /** App role values the registration declares (manifest `appRoles[].value`); default none. */
  appRoles?: string[]
  /** Which groups the ID token's `groups` claim lists (manifest `groupMembershipClaims`); default 'None'. */
  groupMembershipClaims?: GroupMembershipClaims
  /** More groups than this and the ID token carries the overage indicator instead (Entra: 200). */
  groupsOverageLimit?: number
}

/** Entra manifest values the emulator implements: none, security groups, or every group. */
export type GroupMembershipClaims = 'None' | 'SecurityGroup' | 'All'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

function allowedRedirectUri(value: string): boolean {
  const url = URL.parse(value)
  if (url === null || url.hash !== '' || value.includes('#')) return false
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
}

const publicJwk = z
  .looseObject({ kty: z.enum(['RSA', 'EC']), kid: z.string().optional(), alg: z.string().optional() })
  .refine((k) => !('d' in k), 'must be a public key (no private key members)')

const permission = z.string().transform((name, ctx) => {
  const canonical = canonicalGraphPermission(name)
  if (canonical === undefined) {
    ctx.addIssue({ code: 'custom', message: `'${name}' is not a delegated Microsoft Graph permission` })
    return z.NEVER
  }
  return canonical
})

export const emulatorClientSchema = z.strictObject({
  clientId: z.guid(),
  tenantId: z.guid(),
  clientSecret: z.string().min(1).max(512).optional(),
  redirectUris: z
    .array(
      z.string().refine(allowedRedirectUri, {
        message:
          'must be an absolute https URL (http only on localhost, 127.0.0.1 or [::1]) without a fragment',
      }),
    )
    .min(1)
    .max(256),
  permissions: z
    .array(permission)
    .max(512)
    .transform((list) => [...new Set(list)]),
  jwks: z.object({ keys: z.array(publicJwk).min(1).max(16) }).optional(),
  name: z.string().min(1).max(256).optional(),
  // Entra: an app role value has no spaces and at most 120 characters; a manifest declares ≤ 1200 roles.
  appRoles: z
    .array(z.string().regex(/^[\x21-\x7E]{1,120}$/, 'must be 1–120 printable characters without spaces'))
    .max(1200)
    .transform((list) => [...new Set(list)])
    .optional(),
  groupMembershipClaims: z.enum(['None', 'SecurityGroup', 'All']).optional(),
  groupsOverageLimit: z.number().int().min(1).max(1000).optional(),
})

/** Validates outside input (config, admin API) into an app registration; throws a ZodError. */
export function parseEmulatorClient(input: unknown): EmulatorClient {
  const parsed = emulatorClientSchema.parse(input)
  return { ...parsed, jwks: parsed.jwks === undefined ? undefined : { keys: parsed.jwks.keys } }
}

export interface RegisteredClient extends EmulatorClient {
  name: string
  /** Credential the emulator's own front channel uses with oidc-provider; never leaves the process. */
  providerSecret: string
}

export function isConfidential(client: EmulatorClient): boolean {
  return client.clientSecret !== undefined || client.jwks !== undefined
}

export interface ClientRegistry {
  /** Validates and registers (or replaces) an app registration. */
  add(client: EmulatorClient): RegisteredClient
  get(tenantId: string, clientId: string): RegisteredClient | undefined
  inTenant(tenantId: string): RegisteredClient[]
}

export function createClientRegistry(tenantIds: readonly string[]): ClientRegistry {
  const tenants = new Set(tenantIds)
  // An application id may be registered in several tenants (a multi-tenant app's service principals).
  const byKey = new Map<string, RegisteredClient>()
  const key = (tenantId: string, clientId: string) => `${tenantId}/${clientId.toLowerCase()}`
  return {
    add(input) {
      const client = parseEmulatorClient(input)
      if (!tenants.has(client.tenantId)) throw new Error(`unknown tenant ${client.tenantId}`)
      const registered: RegisteredClient = {
        ...client,
        name: client.name ?? `App ${client.clientId}`,
        providerSecret: randomBytes(32).toString('base64url'),
      }
      byKey.set(key(client.tenantId, client.clientId), registered)
      return registered
    },
    get: (tenantId, clientId) => byKey.get(key(tenantId, clientId)),
    inTenant: (tenantId) => [...byKey.values()].filter((c) => c.tenantId === tenantId),
  }
}
