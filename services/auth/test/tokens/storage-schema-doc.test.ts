// docs/storage-schema.md as the scan of Redis reads it (test/support/replica-storage-schema.ts,
// used by test/replicas/secret-scan.test.ts): the key tables' patterns become regexes that accept
// exactly the documented shapes, and every key the auth service's key builder can produce is one
// of them, so an undocumented key is caught here even before a run writes it.
import t from 'tap'
import { createKeys } from '../../src/store/keys.js'
import {
  documentedKeyPatterns,
  keyPatternRegex,
  parseKeyPatterns,
  undocumentedKeys,
} from '../support/replica-storage-schema.js'

const SAMPLE = `# Doc

| Key                 | Type   | Value          |
| ------------------- | ------ | -------------- |
| \`auth:thing:<id>\`   | string | a \\| b        |
| \`<prefix>q:*\`       | BullMQ | queue          |
| not a key           | string | prose          |

| Channel             | Message |
| ------------------- | ------- |
| \`auth:events:x\`     | kid     |

| Key                       | Type    |
| ------------------------- | ------- |
| \`auth:rate:<bucket>:<w>\` | counter |
`

t.test('parse: key tables only, one pattern per backticked first cell', (t) => {
  t.same(
    parseKeyPatterns(SAMPLE).map((d) => d.pattern),
    ['auth:thing:<id>', '<prefix>q:*', 'auth:rate:<bucket>:<w>'],
  )
  t.end()
})

t.test('patterns: a placeholder is one segment, <bucket> may be an IPv6 /64, * is anything', (t) => {
  const thing = keyPatternRegex('auth:thing:<id>')
  t.ok(thing.test('auth:thing:abc_DEF-1.2~'))
  t.notOk(thing.test('auth:thing:a:b'), 'no second segment')
  t.notOk(thing.test('auth:thing:'), 'not empty')
  t.notOk(thing.test('x:auth:thing:a'), 'anchored at the start')
  t.notOk(keyPatternRegex('auth:grant-rts:<id>').test('auth:grantXrts:a'), 'literal text is literal')
  const rate = keyPatternRegex('auth:rate:<bucket>:<w>')
  t.ok(rate.test('auth:rate:127.0.0.1:498842'))
  t.ok(rate.test('auth:rate:2001:db8::/64:498842'))
  const queue = keyPatternRegex('<prefix>q:*')
  t.ok(queue.test('m365mcp:q:wait'))
  t.ok(queue.test('a:b:q:1:2'))
  t.notOk(queue.test('q:wait'), 'a prefix is required')
  t.end()
})

type Builder = (...args: Array<string | number>) => string

/** One key from each builder of createKeys (channels aside): segments 'abc', windows 498842. */
function everyBuiltKey(): Array<[string, string]> {
  const keys = createKeys('auth:')
  const builders: Array<[string, Builder]> = []
  for (const [name, value] of Object.entries({ ...keys, ...keys.clients })) {
    if (typeof value === 'function') builders.push([name, value as Builder])
  }
  return builders.map(([name, build]) => {
    const strings = Array.from({ length: build.length }, () => 'abc')
    try {
      return [name, build(...strings)]
    } catch {
      // A window (number) argument comes last.
      return [name, build(...strings.slice(0, -1), 498842)]
    }
  })
}

t.test('docs/storage-schema.md documents every key the auth service builds', async (t) => {
  const documented = await documentedKeyPatterns()
  const built = everyBuiltKey()
  t.ok(built.length >= 17, `${built.length} key builders`)
  t.same(
    built.filter(([, key]) => undocumentedKeys([key], documented, '').length > 0),
    [],
    'every builder makes a documented key',
  )
  const keys = createKeys('auth:')
  t.same(
    undocumentedKeys([keys.clients.registrationsBySource('2001:db8::/64', 498842)], documented, ''),
    [],
    'an IPv6 /64 source bucket too',
  )
  t.same(
    undocumentedKeys(['auth:grant:grt_abc:extra', 'auth:session:x', 'auth:rt'], documented, ''),
    ['auth:grant:grt_abc:extra', 'auth:session:x', 'auth:rt'],
    'made-up keys are not',
  )
  t.same(
    undocumentedKeys(['m365mcp:auth:rt:h4sh', 'other:auth:rt:h4sh'], documented, 'm365mcp:'),
    ['other:auth:rt:h4sh'],
    'the auth patterns are relative to the deployment prefix',
  )
})
