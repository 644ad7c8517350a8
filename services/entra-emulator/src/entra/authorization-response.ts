// Authorization responses as Entra sends them (RFC 6749 §4.1.2, OAuth 2.0 Multiple Response Type
// Encoding Practices §2, OAuth 2.0 Form Post Response Mode): `code` and `state` on success; on
// error `error`, an AADSTS `error_description`, `error_uri` and `state`. Entra sends no `iss`.
import { createHash } from 'node:crypto'
import { errorDescription, errorUri } from './entra-error.js'
import type { EntraError, RequestIds } from './entra-error.js'
import { escapeHtml } from './html.js'

export const RESPONSE_MODES = ['query', 'fragment', 'form_post'] as const
export type ResponseMode = (typeof RESPONSE_MODES)[number]

export function isResponseMode(value: string): value is ResponseMode {
  return (RESPONSE_MODES as readonly string[]).includes(value)
}

export function errorParams(
  err: EntraError,
  ids: RequestIds,
  now: number,
  state?: string,
): Record<string, string> {
  return {
    error: err.error,
    error_description: errorDescription(err, ids, now),
    error_uri: errorUri(err.code),
    ...(state === undefined ? {} : { state }),
    ...(err.suberror === undefined ? {} : { suberror: err.suberror }),
  }
}

/** The redirect for `query` and `fragment` response modes. */
export function redirectLocation(
  redirectUri: string,
  params: Record<string, string>,
  mode: 'query' | 'fragment',
): string {
  const url = new URL(redirectUri)
  if (mode === 'fragment') {
    url.hash = new URLSearchParams(params).toString()
  } else {
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  }
  return url.href
}

const SUBMIT_SCRIPT = 'document.forms[0].submit();'
const SCRIPT_HASH = createHash('sha256').update(SUBMIT_SCRIPT).digest('base64')

export const FORM_POST_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; frame-ancestors 'none'`,
}

/** The self-submitting page of the `form_post` response mode. */
export function formPostPage(action: string, params: Record<string, string>): string {
  const inputs = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
    .join('')
  return (
    `<html><head><title>Working...</title></head><body>` +
    `<form method="POST" name="hiddenform" action="${escapeHtml(action)}">${inputs}` +
    `<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>` +
    `</form><script>${SUBMIT_SCRIPT}</script></body></html>`
  )
}
