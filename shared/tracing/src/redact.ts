// What a span never carries (docs/tracing.md, house style §14): bearer tokens, JWTs, cookies, OAuth
// codes and other query parameters, user emails (UPNs appear in Graph paths such as
// `/users/alice@contoso.com`). URL attributes keep the path without its query; any other string
// that still looks like a credential or an email address is replaced. Applied to every span when it
// ends (scrub-span-processor.ts), so attributes set by instrumentations are covered too.
import { REDACTED } from '@m365mcp/logger'

export { REDACTED }

// `@` also percent-encoded (`/users/alice%40contoso.com`, as Graph SDKs build paths).
const EMAIL = /[^\s@/?#&=:;,"'<>()[\]%]+(?:@|%40)[^\s@/?#&=:;,"'<>()[\]%]+\.[A-Za-z]{2,}/gi
// A JWT (or JWS/JWE) starts with the base64url of `{"`: eyJ.
const JWT = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g
// A scheme followed by a credential: `Bearer abc`, `Basic abc`, `DPoP abc`.
const AUTH_SCHEME = /\b(?:Bearer|Basic|DPoP)\s+\S+/gi

/** The URL (absolute, or a path) without its query and fragment, emails in the path replaced. */
export function redactUrlForSpan(url: string): string {
  const end = url.search(/[?#]/)
  const withoutQuery = end === -1 ? url : url.slice(0, end)
  return scrubString(withoutQuery)
}

/** A string with credentials and email addresses replaced by `[redacted]`. */
export function scrubString(value: string): string {
  if (!/@|%40|eyJ|bearer|basic|dpop/i.test(value)) return value
  return value.replace(AUTH_SCHEME, REDACTED).replace(JWT, REDACTED).replace(EMAIL, REDACTED)
}
