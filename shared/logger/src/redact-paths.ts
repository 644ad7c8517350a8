// What the logs never contain (house style §14): credentials in headers, OAuth codes, PKCE
// verifiers, tokens, client secrets and assertions. Values become `[redacted]`.

export const REDACTED = '[redacted]'

/** Keys whose values are redacted wherever they appear (createLogger compares them case-insensitively). */
export const sensitiveKeys: readonly string[] = [
  'authorization',
  'cookie',
  'cookies',
  'set-cookie',
  'code',
  'code_verifier',
  'password',
  'secret',
  'client_secret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'assertion',
  'client_assertion',
]

const HEADER_SPELLINGS: Record<string, readonly string[]> = {
  authorization: ['Authorization'],
  cookie: ['Cookie'],
  'set-cookie': ['Set-Cookie'],
}

const segment = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`)

/**
 * The same rule in pino's `redact.paths` syntax (top level and up to three levels down), for a pino
 * instance not built by `createLogger`. createLogger does not use it: pino's wildcard redaction
 * took 50–100 µs a line here, so it applies the rule to the serialized line instead (redact-line.ts).
 */
export const redactPaths: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...sensitiveKeys
    .flatMap((key) => [key, ...(HEADER_SPELLINGS[key] ?? [])])
    .flatMap((key) => {
      const tail = segment(key)
      return [tail.startsWith('.') ? key : tail, `*${tail}`, `*.*${tail}`, `*.*.*${tail}`]
    }),
]
