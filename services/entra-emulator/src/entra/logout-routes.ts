// Entra's sign-out endpoint (OpenID Connect RP-Initiated Logout 1.0), run by the tenant's provider.
// Entra takes `post_logout_redirect_uri` without `client_id`: the app is the one that registered
// that URI; a URI no app registered is ignored and the signed-out page shown instead.
import type { FastifyInstance } from 'fastify'
import { aadsts } from './aadsts.js'
import { requestIds } from './entra-error.js'
import { findIdentity, rawQuery, repeatsParameter } from './identity-context.js'
import type { IdentityContext } from './identity-context.js'
import { ROUTES } from './provider.js'
import { sendErrorPage } from './replies.js'

export function registerLogoutRoutes(app: FastifyInstance, context: IdentityContext): void {
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, body),
    )

    scope.get<{ Params: { tenant: string } }>(`/:tenant${ROUTES.end_session}`, async (request, reply) => {
      const ids = requestIds(request.headers)
      const found = findIdentity(context, request.params.tenant)
      if (!found.ok) return sendErrorPage(reply, found.error, ids, context.now())
      const query = rawQuery(request)
      if (repeatsParameter(query)) return sendErrorPage(reply, aadsts.malformed(), ids, context.now())
      const returnTo = query.get('post_logout_redirect_uri')
      if (returnTo !== null && !query.has('client_id') && !query.has('id_token_hint')) {
        const owner = context.clients
          .inTenant(found.identity.tenant.id)
          .find((c) => c.redirectUris.includes(returnTo))
        if (owner) query.set('client_id', owner.clientId)
        else query.delete('post_logout_redirect_uri')
      }
      const search = query.toString()
      return found.identity.forward(request, reply, {
        path: ROUTES.end_session,
        search: search === '' ? '' : `?${search}`,
      })
    })

    scope.post<{ Params: { tenant: string } }>(
      `/:tenant${ROUTES.end_session}/confirm`,
      async (request, reply) => {
        const found = findIdentity(context, request.params.tenant)
        if (!found.ok) return sendErrorPage(reply, found.error, requestIds(request.headers), context.now())
        const body = typeof request.body === 'string' ? request.body : ''
        return found.identity.forward(request, reply, {
          path: `${ROUTES.end_session}/confirm`,
          search: '',
          body,
        })
      },
    )

    scope.get<{ Params: { tenant: string } }>(
      `/:tenant${ROUTES.end_session}/success`,
      async (request, reply) => {
        const found = findIdentity(context, request.params.tenant)
        if (!found.ok) return sendErrorPage(reply, found.error, requestIds(request.headers), context.now())
        const search = rawQuery(request).toString()
        return found.identity.forward(request, reply, {
          path: `${ROUTES.end_session}/success`,
          search: search === '' ? '' : `?${search}`,
        })
      },
    )
    done()
  })
}
