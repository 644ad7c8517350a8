// Groups of each tenant in Graph's group shape: an all-company group, one Microsoft 365 group per
// department, two project teams across departments and two security groups (no mail, no
// groupTypes), one of them holding the demo users so group-based tool policies can be tried.
import { guid } from './ids.js'
import { DAY, isoSeconds } from './week.js'
import type { OrgIndex } from './org/org-index.js'
import type { SeedGroup, SeedTenant } from './types.js'

interface GroupSpec {
  key: string
  displayName: string
  description: string
  kind: 'unified' | 'security'
  visibility: 'Public' | 'Private'
  memberIds: string[]
  ownerIds: string[]
  /** Days before the week anchor the group was created. */
  ageDays: number
}

export interface GroupContext {
  tenant: SeedTenant
  org: OrgIndex
  /** Position key → user id (Contoso); a missing key is a seed bug. */
  idByKey: (key: string) => string
  anchor: number
}

/** Id of a tenant's all-company group (key "all-company" in both tenants). */
export const allCompanyGroupId = (tenantId: string): string => guid(`group:${tenantId}:all-company`)

const nickname = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '')

function toGroup(spec: GroupSpec, ctx: GroupContext): SeedGroup {
  const unified = spec.kind === 'unified'
  const mailNickname = nickname(spec.displayName)
  const mail = unified ? `${mailNickname}@${ctx.tenant.domain}` : null
  const created = isoSeconds(ctx.anchor - spec.ageDays * DAY + 9 * 3_600_000)
  return {
    id: guid(`group:${ctx.tenant.id}:${spec.key}`),
    deletedDateTime: null,
    classification: null,
    createdDateTime: created,
    description: spec.description,
    displayName: spec.displayName,
    groupTypes: unified ? ['Unified'] : [],
    mail,
    mailEnabled: unified,
    mailNickname,
    proxyAddresses: mail === null ? [] : [`SMTP:${mail}`],
    renewedDateTime: created,
    securityEnabled: !unified,
    visibility: unified ? spec.visibility : null,
    tenantId: ctx.tenant.id,
    memberIds: [...new Set(spec.memberIds)],
    ownerIds: spec.ownerIds,
  }
}

const teamMembers = (ctx: GroupContext, dept: string, team: number): string[] => {
  const lead = ctx.idByKey(`${dept}/team/${team}/lead`)
  return [lead, ...ctx.org.reports(lead).map((u) => u.id)]
}

export function buildContosoGroups(ctx: GroupContext): SeedGroup[] {
  const { org } = ctx
  const all = org.users.map((u) => u.id)
  const ceo = ctx.idByKey('executive/head')
  const departments = [...new Set(org.users.map((u) => u.department))]
  const specs: GroupSpec[] = [
    {
      key: 'all-company',
      displayName: 'All Company',
      description: 'Everyone at Contoso. Company-wide announcements and events.',
      kind: 'unified',
      visibility: 'Public',
      memberIds: all,
      ownerIds: [ceo],
      ageDays: 1460,
    },
    ...departments.map((name, i): GroupSpec => {
      const people = org.department(name)
      const head = people.find((u) => u.managerId === ceo || u.id === ceo)
      return {
        key: `department:${name}`,
        displayName: name,
        description: `The ${name} department.`,
        kind: 'unified',
        visibility: name === 'Human Resources' || name === 'Legal' ? 'Private' : 'Public',
        memberIds: people.map((u) => u.id),
        ownerIds: head ? [head.id] : [ceo],
        ageDays: 1400 - i * 31,
      }
    }),
    {
      key: 'project:atlas',
      displayName: 'Project Atlas',
      description: 'Next-generation platform launch: engineering, product, sales engineering and marketing.',
      kind: 'unified',
      visibility: 'Private',
      memberIds: [
        ...teamMembers(ctx, 'engineering', 0),
        ...teamMembers(ctx, 'engineering', 2),
        ctx.idByKey('sales/team/0/member/3'),
        ctx.idByKey('marketing/team/0/member/0'),
      ],
      ownerIds: [ctx.idByKey('engineering/team/0/lead'), ctx.idByKey('engineering/team/2/lead')],
      ageDays: 120,
    },
    {
      key: 'project:meridian',
      displayName: 'Project Meridian',
      description: 'Finance systems migration: accounting, FP&A and IT infrastructure.',
      kind: 'unified',
      visibility: 'Private',
      memberIds: [
        ...teamMembers(ctx, 'finance', 0),
        ...teamMembers(ctx, 'finance', 1),
        ...teamMembers(ctx, 'it', 0),
      ],
      ownerIds: [ctx.idByKey('finance/team/0/lead')],
      ageDays: 75,
    },
    {
      key: 'security:it-admins',
      displayName: 'IT Admins',
      description: 'Administrators of Contoso IT systems.',
      kind: 'security',
      visibility: 'Private',
      memberIds: [ctx.idByKey('it/head'), ...teamMembers(ctx, 'it', 0), ...teamMembers(ctx, 'it', 1)],
      ownerIds: [ctx.idByKey('it/head')],
      ageDays: 1300,
    },
    {
      key: 'security:mcp-pilot',
      displayName: 'MCP Pilot Users',
      description: 'Users allowed to use the Microsoft 365 MCP connector during the pilot.',
      kind: 'security',
      visibility: 'Private',
      memberIds: org.users.filter((u) => u.demo).map((u) => u.id),
      ownerIds: [ctx.idByKey('it/head')],
      ageDays: 30,
    },
  ]
  return specs.map((s) => toGroup(s, ctx))
}

export function buildTenantWideGroup(ctx: GroupContext, root: string): SeedGroup {
  return toGroup(
    {
      key: 'all-company',
      displayName: `All ${ctx.tenant.name}`,
      description: `Everyone at ${ctx.tenant.name}.`,
      kind: 'unified',
      visibility: 'Public',
      memberIds: ctx.org.users.map((u) => u.id),
      ownerIds: [root],
      ageDays: 900,
    },
    ctx,
  )
}
