import t from 'tap'
import { timingSafeEqualString } from '../src/index.js'

t.test('timingSafeEqualString: true only for identical strings', async (t) => {
  t.equal(timingSafeEqualString('s3cret', 's3cret'), true)
  t.equal(timingSafeEqualString('', ''), true)
  t.equal(timingSafeEqualString('é', 'é'), true)
  t.equal(timingSafeEqualString('s3cret', 's3creT'), false)
  t.equal(timingSafeEqualString('s3cret', 's3cret '), false)
  t.equal(timingSafeEqualString('s3cret', ''), false)
  t.equal(timingSafeEqualString('e\u0301', 'é'), false, 'no Unicode normalisation')
})

t.test('timingSafeEqualString: different lengths compare without throwing', async (t) => {
  t.doesNotThrow(() => timingSafeEqualString('short', 'a much longer candidate string'))
  t.equal(timingSafeEqualString('short', 'a much longer candidate string'), false)
})
