import t from 'tap'
import { createSsrfGuard } from '../../src/net/ssrf-guard.js'

const guard = createSsrfGuard()

// Every special-use form E37 names, and their IPv6 disguises (RFC 6890, RFC 4291 §2.5.5, RFC 6052).
const refused: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'cloudMetadata'],
  ['169.254.1.1', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.100.100.200', 'cloudMetadata'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['224.0.0.1', 'multicast'],
  ['192.0.2.10', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'cloudMetadata'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['::ffff:127.0.0.1', 'embedded:loopback'],
  ['::ffff:7f00:1', 'embedded:loopback'],
  ['::ffff:10.0.0.1', 'embedded:private'],
  ['::ffff:169.254.169.254', 'embedded:cloudMetadata'],
  ['::7f00:1', 'embedded:loopback'],
  ['64:ff9b::7f00:1', 'embedded:loopback'],
  ['64:ff9b::a9fe:a9fe', 'embedded:cloudMetadata'],
  ['64:ff9b:1::c0a8:101', 'embedded:private'],
  ['2002:7f00:1::1', 'embedded:loopback'],
  ['2001::1', 'teredo'],
]

t.test('E37: every special-use address form is refused (RFC 6890; CIMD draft "SSRF Attacks")', async (t) => {
  for (const [address, range] of refused) {
    const verdict = guard.check(address)
    t.equal(verdict.allowed, false, `${address} refused`)
    if (!verdict.allowed) t.equal(verdict.range, range, `${address} is ${range}`)
  }
})

t.test('E37: non-canonical IPv4 text (hex, octal, short forms) is never taken as an address', async (t) => {
  for (const text of ['0x7f.1', '0x7f000001', '017700000001', '2130706433', '127.1', 'localhost']) {
    const verdict = guard.check(text)
    t.equal(verdict.allowed, false, `${text} refused`)
    if (!verdict.allowed) t.equal(verdict.range, 'notAnAddress')
  }
})

t.test('global unicast addresses pass, including NAT64 and mapped forms of public IPv4', async (t) => {
  for (const address of [
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700::1111',
    '64:ff9b::5db8:d822',
    '::ffff:8.8.8.8',
  ]) {
    t.equal(guard.check(address).allowed, true, `${address} allowed`)
  }
  t.match(guard.check('2606:4700::1111'), { allowed: true, family: 6 })
  t.match(guard.check('8.8.8.8'), { allowed: true, family: 4 })
})

t.test('allowance: allowedCidrs permits exactly the listed ranges', async (t) => {
  const relaxed = createSsrfGuard({ allowedCidrs: ['127.0.0.1/32', 'fd12::/16'] })
  t.equal(relaxed.check('127.0.0.1').allowed, true)
  t.equal(relaxed.check('fd12::5').allowed, true)
  t.equal(relaxed.check('127.0.0.2').allowed, false)
  t.equal(relaxed.check('10.0.0.1').allowed, false)
  t.equal(relaxed.check('::ffff:127.0.0.2').allowed, false)
})

t.test('allowance: allowPrivateNetworks never opens cloud metadata addresses', async (t) => {
  const relaxed = createSsrfGuard({ allowPrivateNetworks: true, allowedCidrs: ['169.254.0.0/16'] })
  t.equal(relaxed.check('10.0.0.1').allowed, true)
  t.equal(relaxed.check('127.0.0.1').allowed, true)
  t.equal(relaxed.check('::1').allowed, true)
  for (const address of ['169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254', '100.100.100.200']) {
    t.match(relaxed.check(address), { allowed: false, range: /cloudMetadata/ }, `${address} still refused`)
  }
  t.equal(relaxed.check('224.0.0.1').allowed, false, 'multicast is never private')
})

t.test('allowance: an invalid CIDR fails at construction, not at fetch time', async (t) => {
  t.throws(() => createSsrfGuard({ allowedCidrs: ['127.0.0.1'] }), TypeError)
  t.throws(() => createSsrfGuard({ allowedCidrs: ['not-a-cidr/8'] }), TypeError)
})
