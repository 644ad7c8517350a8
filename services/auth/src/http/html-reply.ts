// HTML answers of the browser-facing endpoints: every page carries the security headers
// (CSP with a nonce, frame-ancestors 'none', X-Frame-Options DENY, no-referrer, no-store).
import { StoreUnavailableError } from '@m365mcp/store'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { createCspNonce } from '../consent/csp-nonce.js'
import { renderErrorPage } from '../consent/error-page.js'
import { htmlPageHeaders } from '../consent/security-headers.js'
import { OAuthError } from '../oauth/errors.js'

const TITLES: Record<string, string> = {
  invalid_request: 'This sign-in request is not valid',
  invalid_client: 'This app is not known to the server',
  access_denied: 'Access was not granted',
  temporarily_unavailable: 'Sign-in is unavailable for a moment',
}

/** Renders an error locally: the client is never redirected to (it may not be validated). */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const exposed = error instanceof OAuthError && error.exposed
  // Redis unreachable for a moment: a 503 the user can retry, not a server fault.
  const unavailable = error instanceof StoreUnavailableError
  if (!exposed) request.log.error({ err: error }, 'browser request failed')
  else request.log.info({ err: error }, 'browser request refused')
  const status = exposed ? (error.status === 401 ? 400 : error.status) : unavailable ? 503 : 500
  const title = exposed
    ? (TITLES[error.error] ?? 'This sign-in request cannot be completed')
    : unavailable
      ? 'Sign-in is unavailable for a moment'
      : 'Something went wrong'
  const message = exposed
    ? error.description
    : 'The server could not complete the sign-in. Try again shortly.'
  const nonce = createCspNonce()
  return reply
    .code(status)
    .headers(htmlPageHeaders({ nonce }))
    .send(renderErrorPage({ title, message, requestId: request.id, nonce }))
}

export function cookiesOf(request: FastifyRequest): Readonly<Record<string, string | undefined>> {
  return request.cookies
}
