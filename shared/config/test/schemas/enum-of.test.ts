import t from 'tap'
import { enumOf } from '../../src/index.js'

t.test('enumOf: accepts listed values exactly, refuses others listing the choices', async (t) => {
  const level = enumOf(['debug', 'info', 'warn'])
  t.equal(level.parse('info'), 'info')
  t.equal(level.parse(' warn '), 'warn')
  t.equal(level.safeParse('INFO').error?.issues[0]?.message, 'must be one of debug, info, warn')
  t.notOk(level.safeParse('trace').success)
})
