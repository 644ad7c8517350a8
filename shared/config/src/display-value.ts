// How a rejected raw value is quoted in a startup error. Secrets never appear: values of `secret()`
// keys and of keys whose names say they hold credentials are withheld, and passwords inside URLs
// (redis://:password@host) are masked.

const SENSITIVE_KEY = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE|(^|_)KEYS?($|_)|API_?KEY/i
const MAX_SHOWN = 80

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key)
}

/** ` (got "…")`, or an empty string when the value must not be shown. */
export function gotSuffix(key: string, raw: string | undefined, secret: boolean): string {
  if (raw === undefined || secret || isSensitiveKey(key)) return ''
  let shown = maskUrlPassword(raw)
  if (shown.length > MAX_SHOWN) shown = `${shown.slice(0, MAX_SHOWN)}…`
  return ` (got ${JSON.stringify(shown)})`
}

function maskUrlPassword(raw: string): string {
  if (!raw.includes('@')) return raw
  try {
    const url = new URL(raw.trim())
    if (url.password === '' && url.username === '') return raw
    url.password = url.password === '' ? '' : '***'
    url.username = url.username === '' ? '' : '***'
    return url.href
  } catch {
    // Not a URL: an '@' in free text could still be "user:pass@host" without a scheme.
    return raw.replace(/[^\s/@]*@/g, '***@')
  }
}
