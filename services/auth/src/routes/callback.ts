// GET /callback: Entra returns here. The transaction is found by its state (single use, 10 min),
// must belong to this browser (binding cookie, ATTACKS C20), and openid-client checks PKCE, nonce,
// issuer and ID token (C21, C22). Then the grant is created with the Entra tokens encrypted, our
// single-use code is issued, and the browser goes back to the re-validated client redirect with
// `code`, `state` and `iss` (RFC 9207). Entra errors go back as access_denied / server_error.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { clearBrowserBinding, matchesBrowserBinding } from '../consent/browser-binding.js'
import { seeOther } from '../consent/see-other.js'
import {
  isEntraError,
  type CompletedAuthorization,
  type EntraIdentity,
  type EntraTokens,
} from '../entra/index.js'
import type { UpstreamTransaction } from '../flow/upstream-transactions.js'
import { cookiesOf, sendErrorPage } from '../http/html-reply.js'
import { authorizationErrorUrl, authorizationSuccessUrl } from '../oauth/authorization-response.js'
import { AuthorizeRedirectError, OAuthError, type AuthorizeErrorCode } from '../oauth/errors.js'
import type { AuthServices } from '../services.js'
import { grantFields } from '../audit/grant-audit.js'

const GRANT_PENDING_TTL_MS = 2 * 60_000

export function callbackRoutes(app: FastifyInstance, services: AuthServices): void {
  async function profileOf(identity: EntraIdentity, tokens: EntraTokens, request: FastifyRequest) {
    const fallback = {
      name: identity.name,
      preferredUsername: identity.preferredUsername,
      ...(identity.email ? { email: identity.email } : {}),
    }
    try {
      const me = await services.entra.fetchProfile(tokens.accessToken)
      const email = me.mail ?? identity.email
      return {
        name: me.displayName || fallback.name,
        preferredUsername: me.userPrincipalName || fallback.preferredUsername,
        ...(email ? { email } : {}),
      }
    } catch (err) {
      request.log.warn({ err }, 'Graph /me unavailable at sign-in; keeping the ID token profile')
      return fallback
    }
  }

  app.get('/callback', async (request, reply) => {
    let transaction: UpstreamTransaction | null
    try {
      const state = new URLSearchParams(request.url.split('?')[1] ?? '').getAll('state')
      if (state.length !== 1 || state[0] === undefined)
        throw new OAuthError('invalid_request', 'state is missing')
      transaction = await services.upstream.take(state[0])
      if (!transaction) {
        throw new OAuthError(
          'invalid_request',
          'This sign-in has expired or was already completed. Start again from your app.',
        )
      }
      if (!matchesBrowserBinding(cookiesOf(request), transaction.pending.bindingHash)) {
        throw new OAuthError('access_denied', 'This sign-in was started in another browser.')
      }
    } catch (error) {
      return sendErrorPage(request, reply, error)
    }
    reply.header('set-cookie', clearBrowserBinding())

    const { pending } = transaction
    let redirectError: (code: AuthorizeErrorCode, description: string) => string
    let redirect
    try {
      const client = await services.clients.resolveClient(pending.clientId)
      redirect = services.redirectUris.resolve(pending.redirectUri, client.metadata.redirect_uris)
      const validated = redirect
      redirectError = (code, description) =>
        authorizationErrorUrl(
          new AuthorizeRedirectError(validated, pending.state, code, description),
          services.publicUrl,
        )
    } catch (error) {
      return sendErrorPage(request, reply, error)
    }

    let signedIn: CompletedAuthorization
    try {
      signedIn = await services.entra.completeAuthorization(
        new URL(request.url, services.publicUrl),
        transaction.entra,
      )
    } catch (error) {
      request.log.info({ err: error }, 'Entra sign-in did not complete')
      const denied = (reason: string) =>
        services.audit.record({
          kind: 'consent_denied',
          clientId: pending.clientId,
          outcome: 'denied',
          reason,
        })
      if (isEntraError(error, 'access_denied')) {
        denied('entra_access_denied')
        return seeOther(reply, redirectError('access_denied', 'the user did not sign in'))
      }
      if (isEntraError(error, 'tenant_not_allowed')) {
        denied('tenant_not_allowed')
        return seeOther(
          reply,
          redirectError('access_denied', "the user's organisation is not allowed on this server"),
        )
      }
      if (isEntraError(error, 'transient')) {
        return seeOther(
          reply,
          redirectError('temporarily_unavailable', 'Microsoft Entra ID is not answering'),
        )
      }
      return seeOther(reply, redirectError('server_error', 'sign-in with Microsoft Entra ID failed'))
    }

    const { identity, tokens, directory } = signedIn
    const scope = pending.scopes.join(' ')
    const grant = await services.grants.create(
      {
        sub: identity.sub,
        tid: identity.tid,
        oid: identity.oid,
        clientId: pending.clientId,
        scope,
        resource: pending.resource,
        entra: tokens,
        profile: await profileOf(identity, tokens, request),
        directory: {
          ...(directory.roles === undefined ? {} : { roles: directory.roles }),
          ...(directory.groups === undefined ? {} : { groups: directory.groups }),
        },
      },
      { pendingTtlMs: GRANT_PENDING_TTL_MS },
    )
    services.metrics.grantCreated()
    services.audit.record({ kind: 'grant_created', ...grantFields(grant), outcome: 'ok' })
    const { code } = await services.codes.issue({
      grantId: grant.id,
      clientId: pending.clientId,
      redirectUri: redirect.uri,
      redirectUriInRequest: pending.redirectUriInRequest,
      codeChallenge: pending.codeChallenge,
      codeChallengeMethod: 'S256',
      resource: pending.resource,
      scope,
      sub: identity.sub,
    })
    request.log.info({ grantId: grant.id, clientId: pending.clientId, tid: identity.tid }, 'grant created')
    for (const claim of directory.dropped) {
      request.log.warn({ grantId: grant.id, claim }, 'malformed Entra ID token claim dropped from the grant')
    }
    if (directory.groupsOverage) {
      request.log.warn(
        { grantId: grant.id, tid: identity.tid },
        'Entra groups overage: the ID token lists no groups, so group rules cannot apply to this user',
      )
    }
    return seeOther(
      reply,
      authorizationSuccessUrl({ redirect, code, state: pending.state, issuer: services.publicUrl }),
    )
  })
}
