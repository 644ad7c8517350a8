// Makes oidc-provider answer the way Entra does: token responses with `ext_expires_in`, Entra's
// `scope` spelling and a new refresh token each time; AADSTS error bodies; authorization responses
// without `iss`, delivered by the emulator's own response modes (see authorization-response.ts).
import type { KoaContextWithOIDC, Provider } from 'oidc-provider'
import { grantedOidcScopes } from './access-token-claims.js'
import {
  errorParams,
  formPostPage,
  FORM_POST_HEADERS,
  redirectLocation,
  RESPONSE_MODES,
} from './authorization-response.js'
import type { ResponseMode } from './authorization-response.js'
import { entraErrorBody, entraHeaders, requestIds } from './entra-error.js'
import { fromProviderError } from './provider-errors.js'
import type { ProviderErrorContext } from './provider-errors.js'
import { issueRefreshTokenCopy } from './refresh-rotation.js'
import { entraScopeString, splitScope } from './scopes.js'

/** The response_mode value the emulator hands oidc-provider for an Entra response mode. */
export function providerResponseMode(mode: ResponseMode): string {
  return `entra_${mode}`
}

export interface EntraResponseDeps {
  now: () => number
  appName(clientId: string): string | undefined
  /** Told of every refresh token a token response carries (the client and the user's oid). */
  onRefreshTokenIssued?: (clientId: string, userId: string, refreshToken: string) => void
}

export interface EntraResponses {
  errorContext(ctx: KoaContextWithOIDC): ProviderErrorContext
}

const ERROR_EVENTS = [
  'authorization.error',
  'grant.error',
  'server_error',
  'end_session.error',
  'end_session_confirm.error',
  'end_session_success.error',
]

export function installEntraResponses(provider: Provider, deps: EntraResponseDeps): EntraResponses {
  const raised = new WeakMap<object, unknown>()
  for (const event of ERROR_EVENTS) {
    provider.on(event as 'server_error', (ctx: KoaContextWithOIDC, err: Error) => raised.set(ctx, err))
  }
  const errorContext = (ctx: KoaContextWithOIDC): ProviderErrorContext => {
    const clientId = ctx.oidc.client?.clientId
    const grantType = ctx.oidc.params?.grant_type
    return {
      clientId,
      appName: clientId === undefined ? undefined : deps.appName(clientId),
      grantType: typeof grantType === 'string' ? grantType : undefined,
    }
  }

  const authorizationParams = (
    ctx: KoaContextWithOIDC,
    payload: Record<string, unknown>,
  ): Record<string, string> => {
    const strings = Object.fromEntries(
      Object.entries(payload).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'iss',
      ),
    )
    if (strings.error === undefined) return strings
    const err = fromProviderError(raised.get(ctx), strings, errorContext(ctx))
    return errorParams(err, requestIds(ctx.headers), deps.now(), strings.state)
  }

  for (const mode of RESPONSE_MODES) {
    provider.registerResponseMode(providerResponseMode(mode), (ctx, redirectUri, payload) => {
      const params = authorizationParams(ctx, payload)
      if (mode === 'form_post') {
        ctx.status = 200
        ctx.set(FORM_POST_HEADERS)
        ctx.body = formPostPage(redirectUri, params)
      } else {
        ctx.redirect(redirectLocation(redirectUri, params, mode))
        ctx.status = 302
      }
    })
  }

  provider.use(async (koaCtx, next) => {
    await next()
    if ((koaCtx as { _matchedRouteName?: string })._matchedRouteName !== 'token') return
    const ctx = koaCtx as unknown as KoaContextWithOIDC
    const ids = requestIds(ctx.headers)
    ctx.set(entraHeaders(ids))
    const body = ctx.body as Record<string, unknown> | undefined
    if (ctx.status >= 400 || body === undefined || typeof body.error === 'string') {
      const err = fromProviderError(raised.get(ctx), body, errorContext(ctx))
      ctx.status = err.status
      ctx.set(entraHeaders(ids, err))
      ctx.body = entraErrorBody(err, ids, deps.now())
      return
    }
    const refreshToken =
      ctx.oidc.params?.grant_type === 'refresh_token' ? await issueRefreshTokenCopy(ctx) : body.refresh_token
    const clientId = ctx.oidc.client?.clientId
    const userId =
      ctx.oidc.entities.AuthorizationCode?.accountId ??
      ctx.oidc.entities.RefreshToken?.accountId ??
      ctx.oidc.entities.AccessToken?.accountId
    if (typeof refreshToken === 'string' && clientId !== undefined && userId !== undefined)
      deps.onRefreshTokenIssued?.(clientId, userId, refreshToken)
    const graph = splitScope(ctx.oidc.entities.AccessToken?.scope ?? '')
    ctx.body = {
      token_type: 'Bearer',
      scope: entraScopeString(graph, grantedOidcScopes(ctx)),
      expires_in: body.expires_in,
      ext_expires_in: body.expires_in,
      access_token: body.access_token,
      ...(typeof refreshToken === 'string' ? { refresh_token: refreshToken } : {}),
      ...(typeof body.id_token === 'string' ? { id_token: body.id_token } : {}),
    }
  })

  return { errorContext }
}
