// Bearer authentication of MCP requests (RFC 6750 §2.1, §3; MCP 2025-11-25 "Authorization"): the
// token comes only from the Authorization header (never a query parameter), is verified for the
// resource of the endpoint, and a refusal carries a WWW-Authenticate challenge pointing at the
// RFC 9728 protected resource metadata so a client can (re)start the flow.
import type { Logger } from 'pino'
import { AccessTokenError } from './access-token-error.js'
import type { AccessTokenVerifier } from './access-token-verifier.js'
import type { VerifiedAccessToken } from './verified-access-token.js'

/** The MCP endpoints and the resource (token audience) each belongs to. */
export type McpResourcePath = '/mcp' | '/sse'

/** The request logger (Fastify's `request.log` or a pino child). */
export type RequestLog = Pick<Logger, 'info' | 'warn' | 'error'>

export interface BearerRefusal {
  readonly ok: false
  readonly status: 401 | 503
  readonly headers: Readonly<Record<string, string>>
  readonly body: { readonly error: string; readonly error_description: string }
}

export type BearerOutcome = { readonly ok: true; readonly principal: VerifiedAccessToken } | BearerRefusal

export interface BearerAuthenticator {
  /** The resource URL of an endpoint: `${publicUrl}/mcp` or `${publicUrl}/sse`. */
  resource(path: McpResourcePath): string
  authenticate(
    authorization: string | undefined,
    path: McpResourcePath,
    log: RequestLog,
  ): Promise<BearerOutcome>
  /** The refusal for a token that verified but whose grant is no longer usable. */
  refuse(path: McpResourcePath, error: AccessTokenError): BearerRefusal
}

export interface BearerAuthenticatorOptions {
  verifier: AccessTokenVerifier
  /** The public origin (gateway), base of the resource URLs and their metadata. */
  publicUrl: string
  /** The scope a client should ask for (default `mcp`). */
  scope?: string
}

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i

export function createBearerAuthenticator(options: BearerAuthenticatorOptions): BearerAuthenticator {
  const origin = new URL(options.publicUrl).origin
  const scope = options.scope ?? 'mcp'
  const resource = (path: McpResourcePath) => `${origin}${path}`

  function challenge(path: McpResourcePath, error?: AccessTokenError) {
    const parts = [
      `resource_metadata="${origin}/.well-known/oauth-protected-resource${path}"`,
      `scope="${scope}"`,
    ]
    if (error) {
      parts.push(`error="${error.code}"`, `error_description="${error.message.replace(/["\\]/g, '')}"`)
    }
    return `Bearer ${parts.join(', ')}`
  }

  function refuse(path: McpResourcePath, failure: AccessTokenError): BearerRefusal {
    if (failure.code === 'temporarily_unavailable') {
      return {
        ok: false,
        status: 503,
        headers: { 'retry-after': '5' },
        body: { error: 'temporarily_unavailable', error_description: failure.message },
      }
    }
    return {
      ok: false,
      status: 401,
      headers: { 'www-authenticate': challenge(path, failure) },
      body: { error: failure.code, error_description: failure.message },
    }
  }

  return {
    resource,
    async authenticate(authorization, path, log) {
      if (authorization === undefined || authorization === '') {
        return {
          ok: false,
          status: 401,
          headers: { 'www-authenticate': challenge(path) },
          body: {
            error: 'invalid_token',
            error_description: 'Authorization required: send a Bearer access token',
          },
        }
      }
      const match = BEARER.exec(authorization)
      const token = match?.[1]
      let failure: AccessTokenError
      if (token === undefined) {
        failure = new AccessTokenError('invalid_token', 'The Authorization header must be "Bearer <token>"')
      } else {
        try {
          return { ok: true, principal: await options.verifier.verify(token, resource(path)) }
        } catch (error) {
          failure =
            error instanceof AccessTokenError
              ? error
              : new AccessTokenError('temporarily_unavailable', 'The access token could not be checked', {
                  cause: error,
                })
        }
      }
      if (failure.code === 'temporarily_unavailable')
        log.error({ err: failure.cause ?? failure }, 'access token could not be checked')
      else log.info({ reason: failure.message }, 'access token refused')
      return refuse(path, failure)
    },
    refuse,
  }
}
