// Request URLs carry credentials in the query: `/callback?code=…&state=…` (RFC 6749 §4.1.2), or a
// token a client put there (RFC 6750 §2.3). Parameter names stay so logs remain useful for
// debugging; the values of credential-like parameters are replaced.
import { REDACTED } from './redact-paths.js'

const SENSITIVE_PARAM =
  /code|state|token|secret|password|passwd|assertion|session|nonce|signature|^sig$|key|auth|cookie|credential|ticket|jwt/i

export function isSensitiveParam(name: string): boolean {
  return SENSITIVE_PARAM.test(name)
}

export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?')
  if (queryStart === -1) return url
  const hashStart = url.indexOf('#', queryStart)
  const query = url.slice(queryStart + 1, hashStart === -1 ? undefined : hashStart)
  const redacted = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      const rawName = equals === -1 ? pair : pair.slice(0, equals)
      return equals !== -1 && isSensitiveParam(decodeName(rawName)) ? `${rawName}=${REDACTED}` : pair
    })
    .join('&')
  // A fragment never reaches a server, but a logged absolute URL may carry one (implicit-flow tokens).
  const hash = hashStart === -1 ? '' : `#${REDACTED}`
  return `${url.slice(0, queryStart)}?${redacted}${hash}`
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '))
  } catch {
    return name
  }
}
