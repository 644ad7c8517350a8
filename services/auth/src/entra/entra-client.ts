// The EntraClient port: the auth service's only way to Microsoft Entra ID (sign-in, refresh) and
// to the user's Graph profile. Discovery happens on first use and is cached; a failed discovery is
// forgotten so the next call tries again (Entra or the network may be back).
import type { Logger } from '@m365mcp/logger'
import type * as oidc from 'openid-client'
import { buildAuthorizationRequest } from './authorize-request.js'
import type { AuthorizationStart, EntraTransaction, StartAuthorizationInput } from './authorize-request.js'
import { checkCallback, redeemCode } from './callback.js'
import { classifyEntraError } from './classify-error.js'
import { directoryClaimsFrom } from './directory-claims.js'
import type { DirectoryClaims } from './directory-claims.js'
import { discoverEntra } from './discover.js'
import { parseEntraConfig } from './entra-config.js'
import type { EntraClientOptions } from './entra-config.js'
import { createEntraHttp } from './entra-fetch.js'
import type { EntraHttp } from './entra-fetch.js'
import { EntraError } from './errors.js'
import { identityFromClaims } from './identity.js'
import type { EntraIdentity } from './identity.js'
import { getProfile } from './profile.js'
import type { GraphProfile } from './profile.js'
import { refreshTokens } from './refresh.js'
import { DEFAULT_RETRY_POLICY, withRetry } from './retry.js'
import type { RetryPolicy } from './retry.js'
import { toEntraTokens } from './tokens.js'
import type { EntraTokens } from './tokens.js'

export interface CompletedAuthorization {
  identity: EntraIdentity
  tokens: EntraTokens
  /** App roles and groups from the ID token, validated; for our access tokens. */
  directory: DirectoryClaims
}

export interface EntraClient {
  /** The authorization URL to send the browser to, and the transaction to keep server-side. */
  startAuthorization(input?: StartAuthorizationInput): Promise<AuthorizationStart>
  /** Checks the callback against its transaction, redeems the code and validates the ID token. */
  completeAuthorization(
    callbackUrl: URL | string,
    transaction: EntraTransaction,
  ): Promise<CompletedAuthorization>
  /** New Graph tokens; `scope` defaults to the configured one. The refresh token is rotated. */
  refresh(refreshToken: string, scope?: string): Promise<EntraTokens>
  fetchProfile(accessToken: string): Promise<GraphProfile>
  /** The full scope string sent to Entra (OIDC scopes + Graph scopes). */
  readonly scope: string
  close(): Promise<void>
}

export interface CreateEntraClientOptions extends EntraClientOptions {
  /** Tests shorten the backoff; production keeps the default (3 tries, full jitter). */
  retry?: RetryPolicy
  /**
   * The transport to Entra and Graph, closed with the client; default createEntraHttp with `ca` and
   * `timeoutMs`. Tests inject one that routes https://login.microsoftonline.com to the emulator.
   */
  http?: EntraHttp
}

const transientOnly = (err: unknown) =>
  err instanceof EntraError && err.code === 'transient'
    ? { retry: true, ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }) }
    : { retry: false }

export function createEntraClient(options: CreateEntraClientOptions): EntraClient {
  const { now = Date.now, logger, retry = DEFAULT_RETRY_POLICY, http: injected, ...rest } = options
  const config = parseEntraConfig(rest)
  const log: Logger = logger.child({ component: 'entra' })
  const http = injected ?? createEntraHttp({ ca: config.ca, timeoutMs: config.timeoutMs })
  let discovered: Promise<oidc.Configuration> | undefined

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= discoverEntra(config, http.fetch).catch((err: unknown) => {
      discovered = undefined
      const error = classifyEntraError(err, 'discovery', now())
      log.error({ code: error.code, upstream: error.upstream, err: error.message }, 'entra discovery failed')
      throw error
    })
    return discovered
  }

  return {
    scope: config.scope,
    async startAuthorization(input = {}) {
      const oidcConfig = await configuration()
      return buildAuthorizationRequest(
        oidcConfig,
        { redirectUri: config.redirectUri, scope: config.scope },
        input,
      )
    },
    async completeAuthorization(callbackUrl, transaction) {
      const current = checkCallback(callbackUrl, transaction, config.redirectUri)
      const oidcConfig = await configuration()
      try {
        const response = await redeemCode(oidcConfig, current, transaction)
        const claims = response.claims()
        if (!claims) throw new EntraError('invalid_token_response', 'no ID token in the token response')
        const identity = identityFromClaims(claims, {
          tenant: config.tenant,
          issuer: oidcConfig.serverMetadata().issuer,
          allowedTenants: config.allowedTenants,
        })
        return {
          identity,
          tokens: toEntraTokens(response, now(), config.scope),
          directory: directoryClaimsFrom(claims),
        }
      } catch (err) {
        const error = classifyEntraError(err, 'code', now())
        log.warn({ code: error.code, upstream: error.upstream, err: error.message }, 'entra sign-in refused')
        throw error
      }
    },
    refresh: (refreshToken, scope = config.scope) =>
      refreshTokens({ configuration, now, retry, logger: log }, refreshToken, scope),
    fetchProfile: (accessToken) =>
      withRetry(() => getProfile(http.fetch, config.graphBaseUrl, accessToken, now), transientOnly, retry),
    close: () => http.close(),
  }
}
