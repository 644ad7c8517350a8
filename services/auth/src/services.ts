// Builds every collaborator of the auth service from its configuration: the one place where the
// ports are wired (STYLE §6). server.ts and the tests call it; buildApp only registers routes.
import { readFile } from 'node:fs/promises'
import { rootCertificates } from 'node:tls'
import { noAuditLog, type AuditLog } from '@m365mcp/audit'
import { createKeyring, parseKeyringSpec } from '@m365mcp/crypto'
import { createMetricsRegistry, type Registry } from '@m365mcp/metrics'
import type { Store } from '@m365mcp/store'
import type { Logger } from 'pino'
import { createCimdResolver } from './clients/cimd.js'
import { createClientRegistry, type ClientRegistry } from './clients/client-registry.js'
import { createClientStore } from './clients/client-store.js'
import { createRegistrationLimits } from './clients/registration-limits.js'
import type { AuthConfig } from './config.js'
import { createConsentCookies } from './consent/consent-cookie.js'
import { createCsrf } from './consent/csrf.js'
import { createEntraClient, type EntraClient } from './entra/index.js'
import { createAuthorizeRequests } from './flow/authorize-requests.js'
import { createUpstreamTransactions } from './flow/upstream-transactions.js'
import { createGraphTokenSource } from './internal/graph-token-source.js'
import { createSafeFetch } from './net/safe-fetch.js'
import { createClientMetadataPolicy } from './oauth/client-metadata.js'
import { OAuthError } from './oauth/errors.js'
import { buildAuthorizationServerMetadata } from './oauth/metadata.js'
import { createRedirectUriPolicy } from './oauth/redirect-uri.js'
import { createResourcePolicy } from './oauth/resource.js'
import { createScopePolicy } from './oauth/scope.js'
import { createKeys } from './store/keys.js'
import { createAccessTokenIssuer } from './tokens/access-token.js'
import { createAuthorizationCodes } from './tokens/authorization-code.js'
import { createFailedGrantLimits } from './tokens/failed-grant-limits.js'
import { createGrantStore } from './tokens/grant-store.js'
import { createKeyRotation } from './tokens/key-rotation.js'
import { createRefreshTokens } from './tokens/refresh-token.js'
import { createSigningKeys } from './tokens/signing-keys.js'
import { createAccessTokenVerifier } from './tokens/verify-access-token.js'
import { createAuthMetrics } from './metrics/auth-metrics.js'

export interface ServiceOptions {
  config: AuthConfig
  store: Store
  logger: Logger
  now?: () => number
  /** Replaces the Entra client built from config (tests of failure paths only). */
  entra?: EntraClient
  /** Where the metrics are registered; default a fresh registry without process metrics (tests). */
  metricsRegistry?: Registry
  /** Where grant events are recorded (docs/audit.md); default none (tests). */
  audit?: AuditLog
}

export async function createServices({
  config,
  store,
  logger,
  now = Date.now,
  entra: entraOverride,
  metricsRegistry,
  audit = noAuditLog,
}: ServiceOptions) {
  const metrics = createAuthMetrics(metricsRegistry ?? createMetricsRegistry({ defaultMetrics: false }))
  const publicUrl = config.PUBLIC_URL
  const keys = createKeys(`${config.REDIS_PREFIX}auth:`)
  const keyring = createKeyring(parseKeyringSpec(config.TOKEN_ENCRYPTION_KEYS.reveal()).keys)

  const redirectUris = createRedirectUriPolicy({ privateUseSchemes: config.REDIRECT_SCHEMES })
  const metadataPolicy = createClientMetadataPolicy({ redirectUris })
  const resources = createResourcePolicy({ publicUrl })
  // Clients sometimes add OIDC scopes by habit; they are accepted and never granted.
  const scopes = createScopePolicy({ ignored: ['offline_access', 'openid', 'profile', 'email'] })

  const clientStore = createClientStore({
    store,
    keys: keys.clients,
    validateMetadata: metadataPolicy.validateRegistration,
    now,
    unusedTtlMs: config.DCR_CLIENT_TTL,
  })
  const cimd = createCimdResolver({
    store,
    keys: keys.clients,
    fetch: createSafeFetch({
      allowance: { allowPrivateNetworks: config.CIMD_ALLOW_PRIVATE_NETWORKS },
      // Added to the public roots, not replacing them (a `ca` option alone replaces Node's store).
      ...(config.CIMD_CA_FILE
        ? { ca: [...rootCertificates, await readFile(config.CIMD_CA_FILE, 'utf8')] }
        : {}),
    }),
    validateMetadata: metadataPolicy.validateDocument,
  })
  const registry = createClientRegistry({ clients: clientStore, cimd })
  const clients: ClientRegistry = config.CIMD_ENABLED
    ? registry
    : {
        resolveClient: (id) => (URL.canParse(id) ? Promise.reject(noCimd()) : registry.resolveClient(id)),
        authenticateClient: (id, creds) =>
          URL.canParse(id) ? Promise.reject(noCimd()) : registry.authenticateClient(id, creds),
      }
  const registrationLimits = createRegistrationLimits({
    store,
    keys: keys.clients,
    now,
    perSource: { limit: config.DCR_RATE_LIMIT, windowMs: 3_600_000 },
  })
  const failedGrantLimits = createFailedGrantLimits({
    store,
    keys,
    now,
    perClient: config.TOKEN_FAILURE_LIMIT_PER_CLIENT,
    perSource: config.TOKEN_FAILURE_LIMIT_PER_IP,
    windowMs: config.TOKEN_FAILURE_WINDOW,
  })

  const signingKeys = await createSigningKeys({
    store,
    keys,
    keyring,
    now,
    accessTokenTtlMs: config.ACCESS_TOKEN_TTL,
    onError: (err) => logger.warn({ err }, 'signing keys refresh failed'),
  })
  const keyRotation = createKeyRotation({
    signingKeys,
    intervalMs: config.SIGNING_KEY_ROTATION_INTERVAL,
    now,
    onRotate: ({ kid, activatesAt }) =>
      logger.info({ kid, activatesAt: new Date(activatesAt).toISOString() }, 'signing key rotated'),
    onError: (err) => logger.warn({ err }, 'signing key rotation check failed'),
  })
  const accessTokens = createAccessTokenIssuer({
    signingKeys,
    issuer: publicUrl,
    ttlMs: config.ACCESS_TOKEN_TTL,
    now,
  })
  const verifier = createAccessTokenVerifier({ signingKeys, issuer: publicUrl, now })
  const grants = createGrantStore({
    store,
    keys,
    keyring,
    now,
    idleTtlMs: config.REFRESH_TOKEN_IDLE_TTL,
    absoluteTtlMs: config.REFRESH_TOKEN_MAX_TTL,
  })
  const codes = createAuthorizationCodes({ store, keys, grants, now, metrics, audit })
  const refreshTokens = createRefreshTokens({
    store,
    keys,
    keyring,
    grants,
    now,
    graceMs: config.REFRESH_TOKEN_GRACE,
    metrics,
    audit,
  })

  const entra =
    entraOverride ??
    createEntraClient({
      authority: config.ENTRA_AUTHORITY,
      clientId: config.ENTRA_CLIENT_ID,
      credential: config.ENTRA_CLIENT_CERTIFICATE_KEY
        ? {
            kind: 'certificate',
            privateKeyPem: config.ENTRA_CLIENT_CERTIFICATE_KEY.reveal(),
            ...(config.ENTRA_CLIENT_CERTIFICATE_THUMBPRINT
              ? { certificateThumbprint: config.ENTRA_CLIENT_CERTIFICATE_THUMBPRINT }
              : {}),
          }
        : { kind: 'secret', secret: config.ENTRA_CLIENT_SECRET?.reveal() ?? '' },
      redirectUri: `${publicUrl}/callback`,
      graphScopes: config.ENTRA_GRAPH_SCOPES,
      ...(config.ENTRA_ALLOWED_TENANTS ? { allowedTenants: config.ENTRA_ALLOWED_TENANTS } : {}),
      graphBaseUrl: config.GRAPH_BASE_URL,
      ...(config.ENTRA_CA_FILE ? { ca: await readFile(config.ENTRA_CA_FILE, 'utf8') } : {}),
      allowInsecureLoopbackAuthority: config.ENTRA_ALLOW_INSECURE_LOOPBACK,
      now,
      logger,
    })

  const cookieSecrets = config.COOKIE_SECRETS
  return {
    config,
    publicUrl,
    store,
    keys,
    keyring,
    now,
    redirectUris,
    resources,
    scopes,
    metadata: buildAuthorizationServerMetadata({
      publicUrl,
      scopesSupported: scopes.supported,
      registrationEnabled: config.DCR_ENABLED,
      clientIdMetadataDocumentSupported: config.CIMD_ENABLED,
    }),
    clientStore,
    clients,
    registrationLimits,
    failedGrantLimits,
    signingKeys,
    keyRotation,
    accessTokens,
    verifier,
    grants,
    codes,
    refreshTokens,
    entra,
    graphTokens: createGraphTokenSource({ store, keys, grants, entra, now, metrics, audit }),
    consentCookies: createConsentCookies({ secrets: cookieSecrets, ttlMs: config.CONSENT_TTL, now }),
    csrf: createCsrf({ secrets: cookieSecrets }),
    authorizeRequests: createAuthorizeRequests({ store, keys }),
    upstream: createUpstreamTransactions({ store, keys, keyring }),
    metrics,
    audit,
    async close() {
      await keyRotation.stop()
      await signingKeys.close()
      await entra.close()
    },
  }
}

function noCimd(): OAuthError {
  return new OAuthError('invalid_client', 'URL client ids (metadata documents) are disabled on this server')
}

export type AuthServices = Awaited<ReturnType<typeof createServices>>
