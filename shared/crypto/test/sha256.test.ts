import t from 'tap'
import { hmacSha256, sha256 } from '../src/index.js'

t.test('sha256: base64url of the SHA-256 of the UTF-8 input (FIPS 180-4 test vectors)', async (t) => {
  t.equal(
    sha256('abc'),
    Buffer.from('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'hex').toString(
      'base64url',
    ),
  )
  t.equal(sha256(''), '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU')
  t.equal(sha256('é'), sha256(Buffer.from('é', 'utf8')))
  t.match(sha256('token'), /^[A-Za-z0-9_-]{43}$/)
  t.not(sha256('token-a'), sha256('token-b'))
})

t.test('hmacSha256: keyed hash matching RFC 4231 test case 2', async (t) => {
  const expected = Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex')
  t.equal(hmacSha256('Jefe', 'what do ya want for nothing?'), expected.toString('base64url'))
  t.not(hmacSha256('key-1', 'value'), hmacSha256('key-2', 'value'))
})
