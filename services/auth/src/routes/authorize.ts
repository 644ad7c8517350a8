// GET /authorize (RFC 6749 §4.1.1, OAuth 2.1 §4.1.1): the client and its redirect URI are
// validated first and every failure before that is rendered locally (RFC 9700 §4.11.2). Then the
// request is checked (response_type, PKCE S256, resource, scope); those errors are shown on our
// page with a link back to the validated redirect rather than an automatic redirect, since a
// dynamically registered client's redirect URI is not trusted before the user acts (ATTACKS A3).
// A valid request shows the consent page unless this browser already approved this client.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ensureBrowserBinding } from '../consent/browser-binding.js'
import { createCspNonce } from '../consent/csp-nonce.js'
import { renderConsentPage } from '../consent/consent-page.js'
import { consentScopeList } from '../consent/scope-descriptions.js'
import { htmlPageHeaders } from '../consent/security-headers.js'
import { AUTHORIZE_REQUEST_TTL_MS, type PendingAuthorization } from '../flow/authorize-requests.js'
import { cookiesOf, sendErrorPage } from '../http/html-reply.js'
import { authorizationErrorUrl } from '../oauth/authorization-response.js'
import {
  AuthorizeLocalError,
  AuthorizeRedirectError,
  isAuthorizeErrorCode,
  OAuthError,
} from '../oauth/errors.js'
import { readOAuthParams } from '../oauth/params.js'
import { parseCodeChallenge } from '../oauth/pkce.js'
import { parseResponseType } from '../oauth/response-type.js'
import type { ValidatedRedirect } from '../oauth/validated-redirect.js'
import type { AuthServices } from '../services.js'
import { startUpstream } from './start-upstream.js'

export function authorizeRoutes(app: FastifyInstance, services: AuthServices): void {
  app.get('/authorize', async (request, reply) => {
    let redirect: ValidatedRedirect
    let clientName: string
    let state: string | undefined
    let params: ReturnType<typeof readOAuthParams>
    let clientId: string
    try {
      params = readOAuthParams(request.query as Record<string, unknown>, { multiValued: ['resource'] })
      const id = params.get('client_id')
      if (id === undefined) throw new AuthorizeLocalError('invalid_request', 'client_id is required')
      clientId = id
      const client = await services.clients.resolveClient(clientId).catch((err: unknown) => {
        throw err instanceof OAuthError ? new AuthorizeLocalError('invalid_client', err.description) : err
      })
      redirect = services.redirectUris.resolve(params.get('redirect_uri'), client.metadata.redirect_uris)
      clientName = client.metadata.client_name ?? clientId
      state = params.get('state')
    } catch (error) {
      return sendErrorPage(request, reply, error)
    }

    let pending: Omit<PendingAuthorization, 'bindingHash'>
    try {
      parseResponseType(params.get('response_type'))
      const challenge = parseCodeChallenge(params.get('code_challenge'), params.get('code_challenge_method'))
      const [resource] = services.resources.resolve(params.getAll('resource'))
      const scopes = services.scopes.resolve(params.get('scope'))
      if (params.get('prompt') === 'none') {
        throw new OAuthError('invalid_request', 'prompt=none is not supported: the user must consent')
      }
      pending = {
        clientId,
        redirectUri: redirect.uri,
        redirectUriInRequest: params.get('redirect_uri') !== undefined,
        ...(state === undefined ? {} : { state }),
        codeChallenge: challenge.challenge,
        scopes: [...scopes],
        resource,
        createdAt: services.now(),
      }
    } catch (error) {
      if (!(error instanceof OAuthError) || !isAuthorizeErrorCode(error.error)) throw error
      return sendReturnPage(
        request,
        reply,
        new AuthorizeRedirectError(redirect, state, error.error, error.description),
        services.publicUrl,
      )
    }

    const binding = ensureBrowserBinding(cookiesOf(request))
    reply.header('set-cookie', binding.setCookie)
    const approval = {
      clientId,
      redirectUri: redirect.uri,
      scopes: pending.scopes,
      resource: pending.resource,
    }
    if (services.consentCookies.isApproved(cookiesOf(request), approval)) {
      return startUpstream(reply, services, { ...pending, bindingHash: binding.hash })
    }

    const requestId = await services.authorizeRequests.save({ ...pending, bindingHash: binding.hash })
    const nonce = createCspNonce()
    const page = renderConsentPage({
      clientName,
      clientId,
      redirectHost: hostOf(redirect.uri),
      redirectUri: redirect.uri,
      scopes: consentScopeList(pending.scopes, services.config.ENTRA_GRAPH_SCOPES),
      resource: pending.resource,
      csrfToken: services.csrf.issue(requestId, binding.value),
      formAction: '/consent',
      requestId,
      nonce,
      rememberDays: Math.round(services.config.CONSENT_TTL / 86_400_000),
    })
    // Chrome applies form-action to the redirects after the POST: allow Entra and the client.
    const formActionTargets = [services.config.ENTRA_AUTHORITY, redirect.uri]
    return reply
      .code(200)
      .headers(htmlPageHeaders({ nonce, formActionTargets }))
      .header('expires', new Date(services.now() + AUTHORIZE_REQUEST_TTL_MS).toUTCString())
      .send(page)
  })
}

function hostOf(uri: string): string {
  const url = new URL(uri)
  return url.host === '' ? `${url.protocol}//` : url.host
}

/** An error for a validated client: shown on our page, with a link that returns it to the app. */
function sendReturnPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AuthorizeRedirectError,
  issuer: string,
): FastifyReply {
  request.log.info({ err: error }, 'authorization request refused')
  reply.header('link', `<${authorizationErrorUrl(error, issuer)}>; rel="return"`)
  return sendErrorPage(request, reply, new OAuthError(error.error, error.description, { status: 400 }))
}
