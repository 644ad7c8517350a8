// Options of the Entra client, validated once at construction so a bad deployment fails at start
// with every problem listed, not at a user's first sign-in.
import { createPrivateKey } from 'node:crypto'
import { createSecureContext } from 'node:tls'
import { z } from 'zod'
import type { Logger } from '@m365mcp/logger'
import { isGuid, isLoopbackHost, parseAuthority } from './authority.js'
import type { AuthorityTenant } from './authority.js'
import { checkGraphScopes, requestedScope } from './graph-scopes.js'

export type EntraCredential =
  | { kind: 'secret'; secret: string }
  | {
      kind: 'certificate'
      /** PKCS#8 or PKCS#1 PEM of the certificate's RSA private key. */
      privateKeyPem: string
      /** Hex SHA-1 (→ `x5t`) or SHA-256 (→ `x5t#S256`) thumbprint, as the Entra portal shows it. */
      certificateThumbprint?: string
      /** Key id, for issuers that select the key by `kid`. */
      kid?: string
    }

export interface EntraClientOptions {
  /** e.g. https://login.microsoftonline.com/{tenantId}/v2.0, or the emulator's issuer. */
  authority: string
  clientId: string
  credential: EntraCredential
  /** Our /callback, registered on the app registration. */
  redirectUri: string
  /** e.g. ['User.Read', 'People.Read'] or ['https://graph.microsoft.com/.default'], never both kinds. */
  graphScopes: string[]
  /** Tenant ids allowed to sign in; required for `organizations` / `common` authorities. */
  allowedTenants?: string[]
  /** Default https://graph.microsoft.com/v1.0 */
  graphBaseUrl?: string
  /** Extra trusted CA certificates (PEM), in addition to the system roots. */
  ca?: string
  /** Allows an http:// authority on a loopback host. Development and tests only (the emulator). */
  allowInsecureLoopbackAuthority?: boolean
  /** Per HTTP request to Entra or Graph, default 10 s. */
  timeoutMs?: number
  now?: () => number
  logger: Logger
}

export interface ResolvedCertificate {
  kind: 'certificate'
  privateKeyPem: string
  /** JOSE header members naming the certificate (RFC 7515 §4.1.4, §4.1.7, §4.1.8). */
  header: { kid?: string; x5t?: string; 'x5t#S256'?: string }
}

export interface EntraConfig {
  authority: URL
  tenant: AuthorityTenant
  clientId: string
  credential: { kind: 'secret'; secret: string } | ResolvedCertificate
  redirectUri: URL
  graphScopes: readonly string[]
  /** The full `scope` parameter sent to Entra. */
  scope: string
  allowedTenants: ReadonlySet<string> | undefined
  graphBaseUrl: string
  ca: string | undefined
  insecureLoopback: boolean
  timeoutMs: number
}

const thumbprintHeader = (hex: string): ResolvedCertificate['header'] => {
  const b64u = Buffer.from(hex, 'hex').toString('base64url')
  return hex.length === 40 ? { x5t: b64u } : { 'x5t#S256': b64u }
}

const rsaPrivateKey = z.string().refine((pem) => {
  try {
    const key = createPrivateKey(pem)
    return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048
  } catch {
    return false
  }
}, 'must be the PEM of an RSA private key of at least 2048 bits (Entra certificate credentials)')

const credential = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('secret'), secret: z.string().min(1).max(1024) }),
  z
    .strictObject({
      kind: z.literal('certificate'),
      privateKeyPem: rsaPrivateKey,
      certificateThumbprint: z
        .string()
        .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i, 'must be a hex SHA-1 or SHA-256 thumbprint')
        .optional(),
      kid: z.string().min(1).max(256).optional(),
    })
    .refine((c) => c.certificateThumbprint !== undefined || c.kid !== undefined, {
      message: 'a certificate credential needs certificateThumbprint or kid',
    }),
])

const redirectUri = z.string().refine((value) => {
  const url = URL.parse(value)
  if (!url || url.hash || value.includes('#')) return false
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
}, 'must be an absolute https URL (http only on a loopback host) without a fragment')

const caPem = z.string().refine((pem) => {
  try {
    createSecureContext({ ca: pem })
    return pem.includes('-----BEGIN CERTIFICATE-----')
  } catch {
    return false
  }
}, 'must be PEM certificates')

const schema = z.strictObject({
  authority: z.string().min(1),
  clientId: z.string().min(1).max(256),
  credential,
  redirectUri,
  graphScopes: z.array(z.string()).min(1).max(100),
  allowedTenants: z
    .array(z.string().refine(isGuid, 'must be a tenant id (GUID)'))
    .min(1)
    .max(1000)
    .optional(),
  graphBaseUrl: z.url({ protocol: /^https$/ }).default('https://graph.microsoft.com/v1.0'),
  ca: caPem.optional(),
  allowInsecureLoopbackAuthority: z.boolean().default(false),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
})

/** Validates the options; throws one Error listing every problem. */
export function parseEntraConfig(options: Omit<EntraClientOptions, 'now' | 'logger'>): EntraConfig {
  const problems: string[] = []
  const parsed = schema.safeParse(options)
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  const authority = parseAuthority(options.authority, options.allowInsecureLoopbackAuthority === true)
  if (typeof authority === 'string') problems.push(`authority: ${authority}`)
  const scopes = checkGraphScopes(Array.isArray(options.graphScopes) ? options.graphScopes : [])
  if (!scopes.ok) problems.push(...scopes.problems.map((p) => `graphScopes: ${p}`))
  if (typeof authority !== 'string' && authority.tenant.kind === 'multi' && !options.allowedTenants?.length) {
    problems.push('allowedTenants: required for a multi-tenant (organizations/common) authority')
  }
  if (!parsed.success || typeof authority === 'string' || !scopes.ok || problems.length > 0) {
    throw new Error(`invalid Entra client options:\n- ${problems.join('\n- ')}`)
  }
  const o = parsed.data
  return {
    authority: authority.url,
    tenant: authority.tenant,
    clientId: o.clientId,
    credential:
      o.credential.kind === 'secret'
        ? o.credential
        : {
            kind: 'certificate',
            privateKeyPem: o.credential.privateKeyPem,
            header: {
              ...(o.credential.kid === undefined ? {} : { kid: o.credential.kid }),
              ...(o.credential.certificateThumbprint === undefined
                ? {}
                : thumbprintHeader(o.credential.certificateThumbprint.toLowerCase())),
            },
          },
    redirectUri: new URL(o.redirectUri),
    graphScopes: scopes.scopes,
    scope: requestedScope(scopes.scopes),
    allowedTenants: o.allowedTenants ? new Set(o.allowedTenants.map((t) => t.toLowerCase())) : undefined,
    graphBaseUrl: o.graphBaseUrl.replace(/\/+$/, ''),
    ca: o.ca,
    insecureLoopback: o.allowInsecureLoopbackAuthority,
    timeoutMs: o.timeoutMs,
  }
}
