// How the Fastify front answers an Entra error: a JSON body at API endpoints, the error page in the
// browser before a redirect URI is trusted, or a redirect back to the application once it is.
import type { FastifyReply } from 'fastify'
import { errorParams, formPostPage, FORM_POST_HEADERS, redirectLocation } from './authorization-response.js'
import type { ResponseMode } from './authorization-response.js'
import { entraErrorBody, entraHeaders } from './entra-error.js'
import type { EntraError, RequestIds } from './entra-error.js'
import { renderErrorPage } from './error-page.js'
import { PAGE_HEADERS } from './html.js'

export function sendJsonError(
  reply: FastifyReply,
  err: EntraError,
  ids: RequestIds,
  now: number,
): FastifyReply {
  return reply
    .code(err.status)
    .headers({ ...entraHeaders(ids, err), 'cache-control': 'no-store, no-cache', pragma: 'no-cache' })
    .send(entraErrorBody(err, ids, now))
}

export function sendErrorPage(
  reply: FastifyReply,
  err: EntraError,
  ids: RequestIds,
  now: number,
): FastifyReply {
  return reply
    .code(err.status)
    .headers({ ...PAGE_HEADERS, ...entraHeaders(ids) })
    .send(renderErrorPage(err, ids, now))
}

/** RFC 6749 §4.1.2.1: only to a redirect URI already matched against the registration. */
export function sendAuthorizationError(
  reply: FastifyReply,
  validatedRedirectUri: string,
  mode: ResponseMode,
  err: EntraError,
  context: { ids: RequestIds; now: number; state: string | undefined },
): FastifyReply {
  const params = errorParams(err, context.ids, context.now, context.state)
  reply.headers(entraHeaders(context.ids))
  if (mode === 'form_post')
    return reply.code(200).headers(FORM_POST_HEADERS).send(formPostPage(validatedRedirectUri, params))
  return reply.redirect(redirectLocation(validatedRedirectUri, params, mode), 302)
}
