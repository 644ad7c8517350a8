import t from 'tap'
import { createLogger } from '../src/index.js'
import { memoryDestination } from './memory-destination.js'

t.test('createLogger: JSON lines carry service, ISO time, level name and message', async (t) => {
  const out = memoryDestination()
  createLogger({ service: 'auth', destination: out }).info({ grantId: 'g1' }, 'grant issued')
  const [entry] = out.entries()
  t.match(entry, { service: 'auth', level: 'info', msg: 'grant issued', grantId: 'g1' })
  t.match(entry?.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  t.notOk('pid' in (entry ?? {}))
})

t.test('createLogger: level filters lower levels', async (t) => {
  const out = memoryDestination()
  const logger = createLogger({ service: 'gateway', level: 'warn', destination: out })
  logger.info('hidden')
  logger.warn('shown')
  t.same(
    out.entries().map((entry) => String(entry.msg)),
    ['shown'],
  )
})

t.test('createLogger: bearer tokens, cookies, codes and refresh tokens never reach the output', async (t) => {
  const out = memoryDestination()
  const logger = createLogger({ service: 'auth', destination: out })
  const secrets = {
    bearer: 'Bearer eyJhbGciOiJFUzI1NiJ9.access.sig',
    cookie: '__Host-consent=s3ss10n-cookie-value',
    code: 'AuthC0de-9f8e7d6c5b4a',
    verifier: 'pkce-verifier-0123456789abcdefghijklmnopqrstuvwxyz',
    refresh: 'rt-opaque-refresh-7a6b5c4d',
    clientSecret: 'cs-client-secret-value',
    assertion: 'eyJ.client.assertion',
    idToken: 'eyJ.id.token',
    password: 'hunter2-password',
  }
  logger.info({ req: { headers: { authorization: secrets.bearer, cookie: secrets.cookie } } }, 'raw request')
  logger.info({ headers: { authorization: secrets.bearer, Cookie: secrets.cookie } }, 'outgoing headers')
  logger.info({ code: secrets.code, code_verifier: secrets.verifier }, 'top level')
  logger.info({ grant: { tokens: { refresh_token: secrets.refresh, id_token: secrets.idToken } } }, 'nested')
  logger.info(
    { body: { client_secret: secrets.clientSecret, client_assertion: secrets.assertion } },
    'token request',
  )
  logger.info({ a: { b: { c: { password: secrets.password } } } }, 'three levels down')
  logger.info({ a: { b: { c: { d: { e: { Token: secrets.refresh } } } } } }, 'five levels down, other case')
  logger.info({ upstream: { headers: { 'set-cookie': [secrets.cookie] } } }, 'set-cookie')
  logger.info({ list: [{ token: secrets.refresh }] }, 'in an array')
  logger.child({ token: secrets.refresh }).info('child bindings')
  logger.info({ headers: new Map([['authorization', secrets.bearer]]) }, 'non-plain objects hold no fields')
  logger.info(
    { body: Object.assign(Object.create({ inherited: true }) as object, { assertion: secrets.assertion }) },
    'class-like',
  )
  logger.info({ res: { statusCode: 200, headers: { 'set-cookie': secrets.cookie } } }, 'response')

  const text = out.text()
  for (const [name, value] of Object.entries(secrets)) t.notMatch(text, value, name)
  t.match(out.entries()[3], { grant: { tokens: { refresh_token: '[redacted]', id_token: '[redacted]' } } })
  t.match(out.entries()[1], { headers: { authorization: '[redacted]', Cookie: '[redacted]' } })
  t.match(out.entries()[5], { a: { b: { c: { password: '[redacted]' } } } })
})

t.test('createLogger: an Error keeps its identifier code, a random code under err does not', async (t) => {
  const out = memoryDestination()
  const logger = createLogger({ service: 'tools', destination: out })
  logger.error({ err: Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }) }, 'upstream down')
  logger.error({ err: Object.assign(new Error('bad grant'), { code: 'invalid_grant' }) }, 'entra refused')
  logger.error({ err: { code: 'xK9-AuthC0de_q2' } }, 'a code where an error was expected')
  const [refused, grant, random] = out.entries()
  t.equal(refused?.err.code, 'ECONNREFUSED')
  t.equal(refused?.err.message, 'connect failed')
  t.equal(grant?.err.code, 'invalid_grant')
  t.equal(random?.err.code, '[redacted]')
  t.notMatch(out.text(), 'xK9-AuthC0de_q2')
})

t.test('createLogger: pretty output is readable and still redacted', async (t) => {
  const out = memoryDestination()
  const logger = createLogger({ service: 'auth', pretty: true, destination: out })
  logger.info({ token: 'pretty-secret-token', user: 'u1' }, 'signed in')
  logger.error({ err: new Error('boom') }, 'failed')
  const text = out.text()
  t.match(
    out.lines[0],
    /^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}auth: signed in \{"token":"\[redacted\]","user":"u1"\}$/,
  )
  t.match(text, /ERROR auth: failed\n {4}Error: boom/)
  t.notMatch(text, 'pretty-secret-token')
})
