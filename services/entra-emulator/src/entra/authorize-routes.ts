// Entra's authorization endpoint, in front of the tenant's oidc-provider. Checked here, in this
// order, because Entra answers them in its own words: tenant, client, redirect URI (until it is
// matched exactly, errors are shown in the browser — RFC 6749 §4.1.2.1, §3.1.2.4), then response
// type, `resource` (refused: AADSTS901002), and the Entra scope rules (scopes.ts). The provider
// then runs the flow: session, PKCE, nonce, interactions, code.
import type { FastifyInstance } from 'fastify'
import { aadsts } from './aadsts.js'
import { isResponseMode } from './authorization-response.js'
import { requestIds } from './entra-error.js'
import type { EntraError } from './entra-error.js'
import { providerResponseMode } from './entra-responses.js'
import { findIdentity, rawQuery, repeatsParameter } from './identity-context.js'
import type { IdentityContext } from './identity-context.js'
import { ROUTES } from './provider.js'
import { sendAuthorizationError, sendErrorPage } from './replies.js'
import { parseScope, splitScope, toProviderScope } from './scopes.js'

export function registerAuthorizeRoutes(app: FastifyInstance, context: IdentityContext): void {
  app.get<{ Params: { tenant: string } }>(`/:tenant${ROUTES.authorization}`, async (request, reply) => {
    const ids = requestIds(request.headers)
    const now = context.now()
    const page = (err: EntraError) => sendErrorPage(reply, err, ids, now)
    const found = findIdentity(context, request.params.tenant)
    if (!found.ok) return page(found.error)
    const { identity } = found
    const { tenant } = identity
    const query = rawQuery(request)
    if (repeatsParameter(query)) return page(aadsts.malformed())
    const clientId = query.get('client_id')
    if (!clientId) return page(aadsts.missingParameter('client_id'))
    const client = context.clients.get(tenant.id, clientId)
    if (!client) return page(aadsts.unknownClient(clientId, tenant.name))
    // Entra uses the only registered redirect URI when none is sent.
    const redirectUri =
      query.get('redirect_uri') ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined)
    if (!redirectUri) return page(aadsts.missingParameter('redirect_uri'))
    if (!client.redirectUris.includes(redirectUri))
      return page(aadsts.redirectMismatch(redirectUri, client.clientId))

    const requestedMode = query.get('response_mode') ?? 'query'
    const mode = isResponseMode(requestedMode) ? requestedMode : 'query'
    const state = query.get('state') ?? undefined
    const back = (err: EntraError) =>
      sendAuthorizationError(reply, redirectUri, mode, err, { ids, now, state })
    if (!isResponseMode(requestedMode)) return back(aadsts.unsupportedResponseMode(requestedMode))
    const responseType = query.get('response_type')
    if (!responseType) return back(aadsts.missingParameter('response_type'))
    if (responseType !== 'code') return back(aadsts.unsupportedResponseType(responseType))
    if (query.has('resource')) return back(aadsts.resourceNotSupported())
    const scope = query.get('scope') ?? ''
    if (splitScope(scope).length === 0) return back(aadsts.missingParameter('scope'))
    const parsed = parseScope(scope, {
      appName: client.name,
      permissions: client.permissions,
      tenantName: tenant.name,
    })
    if (!parsed.ok) return back(parsed.error)

    const forwarded = new URLSearchParams(query)
    forwarded.set('client_id', client.clientId)
    forwarded.set('redirect_uri', redirectUri)
    forwarded.set('response_mode', providerResponseMode(mode))
    forwarded.set('scope', toProviderScope(parsed.scopes))
    // The login page is the account picker.
    if (query.get('prompt') === 'select_account') forwarded.set('prompt', 'login')
    return identity.forward(request, reply, {
      path: ROUTES.authorization,
      search: `?${forwarded.toString()}`,
    })
  })

  // Where the provider resumes the request after the login page.
  app.get<{ Params: { tenant: string; uid: string } }>(
    `/:tenant${ROUTES.authorization}/:uid`,
    async (request, reply) => {
      const found = findIdentity(context, request.params.tenant)
      if (!found.ok) return sendErrorPage(reply, found.error, requestIds(request.headers), context.now())
      const search = rawQuery(request).toString()
      return found.identity.forward(request, reply, {
        path: `${ROUTES.authorization}/${encodeURIComponent(request.params.uid)}`,
        search: search === '' ? '' : `?${search}`,
      })
    },
  )
}
