import t from 'tap'
import { pino } from 'pino'
import { REDACTED, redactPaths, sensitiveKeys } from '../src/index.js'
import { memoryDestination } from './memory-destination.js'

t.test('redactPaths: a plain pino instance using them redacts every sensitive key to depth 3', async (t) => {
  const out = memoryDestination()
  const logger = pino({ redact: { paths: [...redactPaths], censor: REDACTED } }, out)
  for (const key of sensitiveKeys) {
    logger.info({ [key]: 'v0', a: { [key]: 'v1', b: { [key]: 'v2', c: { [key]: 'v3' } } } })
  }
  logger.info({
    req: { headers: { authorization: 'v4', cookie: 'v5' } },
    res: { headers: { 'set-cookie': 'v6' } },
  })
  logger.info({ headers: { Authorization: 'v7', Cookie: 'v8', 'Set-Cookie': 'v9' } })
  t.notMatch(out.text(), /"v\d"/)
  t.equal(out.lines.length, sensitiveKeys.length + 2)
})
