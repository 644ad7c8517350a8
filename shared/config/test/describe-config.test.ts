import t from 'tap'
import { z } from 'zod'
import {
  bool,
  createSecret,
  csv,
  describeConfig,
  duration,
  enumOf,
  int,
  port,
  secret,
  url,
} from '../src/index.js'

t.test('describeConfig: type labels, required, defaults and descriptions come from the schema', async (t) => {
  const schema = z.object({
    PORT: port().default(8788).describe('Listen port.'),
    PUBLIC_URL: url().describe('Public origin.'),
    TTL: duration().default(90_000).describe('Lifetime.'),
    GRACE: duration().prefault('2s').describe('Grace window.'),
    ORIGINS: csv(url()).default(['https://a.example', 'https://b.example']).describe('Allowed origins.'),
    TAGS: csv().optional().describe('Tags.'),
    READ_ONLY: bool().default(false).describe('Read-only mode.'),
    LEVEL: enumOf(['info', 'debug']).default('info').describe('Log level.'),
    WORKERS: int({ min: 1 }).default(4).describe('Workers.'),
    NAME: z.string().optional().meta({ description: 'Display name.' }),
    MODE: z.enum(['a', 'b']).describe('Mode.'),
    UNDESCRIBED: z.string().optional(),
  })
  t.same(describeConfig(schema), [
    {
      key: 'PORT',
      type: 'port',
      required: false,
      default: '8788',
      hasDefault: true,
      secret: false,
      description: 'Listen port.',
    },
    {
      key: 'PUBLIC_URL',
      type: 'url',
      required: true,
      default: undefined,
      hasDefault: false,
      secret: false,
      description: 'Public origin.',
    },
    {
      key: 'TTL',
      type: 'duration',
      required: false,
      default: '90s',
      hasDefault: true,
      secret: false,
      description: 'Lifetime.',
    },
    {
      key: 'GRACE',
      type: 'duration',
      required: false,
      default: '2s',
      hasDefault: true,
      secret: false,
      description: 'Grace window.',
    },
    {
      key: 'ORIGINS',
      type: 'csv of url',
      required: false,
      default: 'https://a.example,https://b.example',
      hasDefault: true,
      secret: false,
      description: 'Allowed origins.',
    },
    {
      key: 'TAGS',
      type: 'csv',
      required: false,
      default: undefined,
      hasDefault: false,
      secret: false,
      description: 'Tags.',
    },
    {
      key: 'READ_ONLY',
      type: 'bool',
      required: false,
      default: 'false',
      hasDefault: true,
      secret: false,
      description: 'Read-only mode.',
    },
    {
      key: 'LEVEL',
      type: 'enum: info | debug',
      required: false,
      default: 'info',
      hasDefault: true,
      secret: false,
      description: 'Log level.',
    },
    {
      key: 'WORKERS',
      type: 'integer',
      required: false,
      default: '4',
      hasDefault: true,
      secret: false,
      description: 'Workers.',
    },
    {
      key: 'NAME',
      type: 'string',
      required: false,
      default: undefined,
      hasDefault: false,
      secret: false,
      description: 'Display name.',
    },
    {
      key: 'MODE',
      type: 'enum: a | b',
      required: true,
      default: undefined,
      hasDefault: false,
      secret: false,
      description: 'Mode.',
    },
    {
      key: 'UNDESCRIBED',
      type: 'string',
      required: false,
      default: undefined,
      hasDefault: false,
      secret: false,
      description: '',
    },
  ])
})

t.test('describeConfig: metadata survives wrappers applied in any order', async (t) => {
  const schema = z.object({
    A: port().describe('Described first.').default(1),
    B: port().default(2).describe('Described last.'),
    C: port().optional().describe('Optional.'),
  })
  t.match(describeConfig(schema), [
    { key: 'A', type: 'port', default: '1', description: 'Described first.' },
    { key: 'B', type: 'port', default: '2', description: 'Described last.' },
    { key: 'C', type: 'port', required: false, description: 'Optional.' },
  ])
})

t.test('describeConfig: secret defaults are never rendered', async (t) => {
  const schema = z.object({
    COOKIE_SECRET: secret().default(createSecret('dev-only-default-secret')).describe('Cookie key.'),
    CLIENT_SECRET: secret().describe('Client secret.'),
    DEV_SECRET: secret().prefault('dev-only-prefault-secret').describe('Dev secret.'),
  })
  const rows = describeConfig(schema)
  t.match(rows, [
    {
      key: 'COOKIE_SECRET',
      type: 'secret',
      secret: true,
      required: false,
      hasDefault: true,
      default: undefined,
    },
    {
      key: 'CLIENT_SECRET',
      type: 'secret',
      secret: true,
      required: true,
      hasDefault: false,
      default: undefined,
    },
    { key: 'DEV_SECRET', secret: true, required: false, hasDefault: true, default: undefined },
  ])
  t.notMatch(JSON.stringify(rows), 'dev-only-default-secret')
  t.notMatch(JSON.stringify(rows), 'dev-only-prefault-secret')
})
