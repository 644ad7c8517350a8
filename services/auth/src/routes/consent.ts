// POST /consent: the user's decision on our consent page. Cross-site posts and posts without the
// CSRF token bound to this request and browser are refused (ATTACKS B12); the pending request is
// single use; Deny returns access_denied to the re-validated redirect URI; Approve may remember
// the approval in a signed per-client cookie and starts the Entra leg. Always 303 (B18).
import type { FastifyInstance } from 'fastify'
import { readBrowserBinding } from '../consent/browser-binding.js'
import { parseConsentForm } from '../consent/consent-form.js'
import { checkRequestOrigin } from '../consent/request-origin.js'
import { seeOther } from '../consent/see-other.js'
import { matchesBrowserBinding } from '../consent/browser-binding.js'
import { cookiesOf, sendErrorPage } from '../http/html-reply.js'
import { authorizationErrorUrl } from '../oauth/authorization-response.js'
import { AuthorizeRedirectError, OAuthError } from '../oauth/errors.js'
import type { AuthServices } from '../services.js'
import { startUpstream } from './start-upstream.js'

const refuse = (description: string) => new OAuthError('access_denied', description)
const expired = () =>
  new OAuthError(
    'invalid_request',
    'This sign-in request has expired or was already used. Start again from your app.',
  )

export function consentRoutes(app: FastifyInstance, services: AuthServices): void {
  app.post('/consent', async (request, reply) => {
    try {
      if (!checkRequestOrigin(request.headers, services.publicUrl).ok)
        throw refuse('cross-site request refused')
      const form = parseConsentForm(request.body)
      if (!form) throw new OAuthError('invalid_request', 'malformed consent form')
      const cookies = cookiesOf(request)
      const binding = readBrowserBinding(cookies)
      if (binding === null || !services.csrf.verify(form.csrfToken, form.requestId, binding)) {
        throw refuse('the consent form is not valid for this browser')
      }
      const pending = await services.authorizeRequests.take(form.requestId)
      if (!pending) throw expired()
      if (!matchesBrowserBinding(cookies, pending.bindingHash))
        throw refuse('the consent form is not valid for this browser')

      // Re-validate: the client may have been deleted or changed since the page was shown.
      const client = await services.clients.resolveClient(pending.clientId)
      const redirect = services.redirectUris.resolve(pending.redirectUri, client.metadata.redirect_uris)

      if (form.decision === 'deny') {
        // Nobody signed in yet: the event names the client only.
        services.audit.record({
          kind: 'consent_denied',
          clientId: pending.clientId,
          outcome: 'denied',
          reason: 'user_denied',
        })
        const denied = new AuthorizeRedirectError(
          redirect,
          pending.state,
          'access_denied',
          'the user denied the request',
        )
        return seeOther(reply, authorizationErrorUrl(denied, services.publicUrl))
      }
      if (form.remember) {
        const cookie = services.consentCookies.issue({
          clientId: pending.clientId,
          redirectUri: redirect.uri,
          scopes: pending.scopes,
          resource: pending.resource,
        })
        reply.header('set-cookie', cookie.header)
      }
      return await startUpstream(reply, services, pending)
    } catch (error) {
      return sendErrorPage(request, reply, error)
    }
  })
}
