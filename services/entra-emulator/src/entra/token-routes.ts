// Entra's token endpoint (a tenant's, or a multi-tenant authority's: multi-tenant.ts), in front of the
// tenant's oidc-provider. The front parses the form, refuses what Entra refuses (`resource`:
// AADSTS901002, repeated parameters, other grant types), does Entra's client authentication
// (client-auth.ts) and grant checks (token-grant-checks.ts), then passes a rewritten request on:
// the client identified by its in-process credential, the scope normalised.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { aadsts } from './aadsts.js'
import { authenticateClient } from './client-auth.js'
import { isConfidential } from './clients.js'
import { MULTI_TENANT_AUTHORITIES } from './discovery.js'
import { requestIds } from './entra-error.js'
import type { EntraError } from './entra-error.js'
import { findIdentity, repeatsParameter } from './identity-context.js'
import type { IdentityContext } from './identity-context.js'
import { issuingTenant } from './multi-tenant.js'
import { ROUTES } from './provider.js'
import { sendJsonError } from './replies.js'
import type { TenantIdentity } from './tenant-identity.js'
import { checkAuthorizationCodeGrant, checkRefreshTokenGrant } from './token-grant-checks.js'

const BODY_LIMIT = 64 * 1024
const GRANT_TYPES = new Set(['authorization_code', 'refresh_token'])

interface TokenTarget {
  identity: TenantIdentity
  /** This endpoint's URL: the `aud` of client assertions. */
  tokenEndpoint: string
}
type Resolved = TokenTarget | { error: EntraError }

export function registerTokenRoutes(app: FastifyInstance, context: IdentityContext): void {
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => {
        done(null, new URLSearchParams(body as string))
      },
    )
    // Any other body is read and dropped: Entra then reports the missing grant_type.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, _body, done) =>
      done(null, null),
    )
    scope.setErrorHandler((error, request, reply) => {
      const ids = requestIds(request.headers)
      const status = (error as { statusCode?: number }).statusCode ?? 500
      if (status >= 500) request.log.error({ err: error }, 'token request failed')
      return sendJsonError(
        reply,
        status < 500 ? aadsts.malformed() : aadsts.serverError(),
        ids,
        context.now(),
      )
    })

    const handle =
      <R extends FastifyRequest>(
        resolve: (request: R, body: URLSearchParams) => Resolved | Promise<Resolved>,
      ) =>
      async (request: R, reply: FastifyReply) => {
        const ids = requestIds(request.headers)
        const now = context.now()
        const fail = (err: Parameters<typeof sendJsonError>[1]) => sendJsonError(reply, err, ids, now)
        const body = request.body instanceof URLSearchParams ? request.body : undefined
        const target = await resolve(request, body ?? new URLSearchParams())
        if ('error' in target) return fail(target.error)
        const { identity, tokenEndpoint } = target
        if (!body) return fail(aadsts.missingParameter('grant_type'))
        if (repeatsParameter(body)) return fail(aadsts.malformed())
        if (body.has('resource')) return fail(aadsts.resourceNotSupported())
        const grantType = body.get('grant_type')
        if (!grantType) return fail(aadsts.missingParameter('grant_type'))
        if (!GRANT_TYPES.has(grantType)) return fail(aadsts.unsupportedGrantType(grantType))

        const auth = await authenticateClient({
          body,
          authorization: request.headers.authorization,
          tenant: identity.tenant,
          clients: context.clients,
          tokenEndpoint,
          now,
        })
        if (!auth.ok) return fail(auth.error)
        context.tokenStats.record(auth.client.clientId, grantType)
        const input = { identity, client: auth.client, body, faults: context.faults, now }
        const check =
          grantType === 'refresh_token'
            ? await checkRefreshTokenGrant(input)
            : await checkAuthorizationCodeGrant(input)
        if (!check.ok) return fail(check.error)

        const forwarded = new URLSearchParams(body)
        for (const name of ['client_secret', 'client_assertion', 'client_assertion_type'])
          forwarded.delete(name)
        forwarded.set('client_id', auth.client.clientId)
        if (isConfidential(auth.client)) forwarded.set('client_secret', auth.client.providerSecret)
        if (check.scope !== undefined) forwarded.set('scope', check.scope)
        request.log.debug(
          { clientId: auth.client.clientId, method: auth.method, grantType },
          'token request authenticated',
        )
        return identity.forward(request, reply, {
          path: ROUTES.token,
          search: '',
          body: forwarded.toString(),
          dropHeaders: ['authorization'],
        })
      }

    scope.post<{ Params: { tenant: string } }>(
      `/:tenant${ROUTES.token}`,
      handle((request: FastifyRequest<{ Params: { tenant: string } }>) => {
        const found = findIdentity(context, request.params.tenant)
        if (!found.ok) return { error: found.error }
        const tokenEndpoint = `${context.origin}/${found.identity.tenant.id}${ROUTES.token}`
        return { identity: found.identity, tokenEndpoint }
      }),
    )
    // The multi-tenant authorities' token endpoint: the tenant is the one that issued the code or
    // refresh token (multi-tenant.ts), client assertions are addressed to this endpoint.
    for (const authority of MULTI_TENANT_AUTHORITIES) {
      scope.post(
        `/${authority}${ROUTES.token}`,
        handle(async (_request, body) => ({
          identity: await issuingTenant(context, body),
          tokenEndpoint: `${context.origin}/${authority}${ROUTES.token}`,
        })),
      )
    }
    done()
  })
}
