import t from 'tap'
import { directoryClaimsFrom } from '../../src/entra/directory-claims.js'

const GROUP = '0b0b0b0b-1111-4222-8333-444444444444'

t.test('directory claims: well-formed roles and groups are kept, duplicates once', async (t) => {
  t.same(directoryClaimsFrom({ roles: ['Tools.Writer', 'Tools.Writer'], groups: [GROUP] }), {
    roles: ['Tools.Writer'],
    groups: [GROUP],
    groupsOverage: false,
    dropped: [],
  })
  t.same(
    directoryClaimsFrom({ roles: [] }),
    { groupsOverage: false, dropped: [] },
    'an empty list is no claim',
  )
})

t.test('directory claims: malformed upstream values drop the whole claim, never part of it', async (t) => {
  const bad: unknown[] = [
    'Tools.Writer',
    [''],
    ['x'.repeat(513)],
    ['ok', 42],
    [null],
    { 0: 'Tools.Writer' },
    Array.from({ length: 257 }, (_, i) => `r${i}`),
  ]
  for (const value of bad) {
    const out = directoryClaimsFrom({ roles: value, groups: value })
    t.notOk('roles' in out || 'groups' in out, JSON.stringify(value).slice(0, 40))
    t.same(out.dropped, ['roles', 'groups'])
  }
  const bounds = directoryClaimsFrom({ roles: Array.from({ length: 256 }, () => 'x'.repeat(512)) })
  t.same(bounds.roles, ['x'.repeat(512)], '256 entries of 512 characters are within bounds')
})

t.test('directory claims: groups overage (_claim_names or hasgroups) yields no groups', async (t) => {
  for (const signal of [
    {
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.windows.net/x' } },
    },
    { hasgroups: true },
  ]) {
    const out = directoryClaimsFrom({ roles: ['Tools.Reader'], groups: [GROUP], ...signal })
    t.equal(out.groupsOverage, true)
    t.notOk('groups' in out)
    t.same(out.roles, ['Tools.Reader'], 'roles are unaffected')
    t.same(out.dropped, [])
  }
  t.equal(directoryClaimsFrom({ _claim_names: { email: 'src1' }, hasgroups: 'true' }).groupsOverage, false)
})
