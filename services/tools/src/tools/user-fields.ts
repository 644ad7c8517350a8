// The directory user as the user tools return it: the $select they ask Graph for, the structured
// shape and the one-line text rendering.
import { z } from 'zod'
import { compact, list, str, type GraphRecord } from './graph-values.js'

export const USER_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'officeLocation',
  'mobilePhone',
  'businessPhones',
].join(',')

export const userSchema = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  mail: z.string().optional(),
  userPrincipalName: z.string().optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  officeLocation: z.string().optional(),
  phone: z.string().optional(),
})

export type User = z.infer<typeof userSchema>

export function toUser(raw: GraphRecord): User {
  return compact({
    id: str(raw.id) ?? '',
    displayName: str(raw.displayName),
    mail: str(raw.mail),
    userPrincipalName: str(raw.userPrincipalName),
    jobTitle: str(raw.jobTitle),
    department: str(raw.department),
    officeLocation: str(raw.officeLocation),
    phone:
      str(raw.mobilePhone) ??
      list(raw.businessPhones)
        .map(str)
        .find((p) => p !== undefined),
  })
}

export function userLine(user: User): string {
  const role = [user.jobTitle, user.department].filter(Boolean).join(', ')
  const address = user.mail ?? user.userPrincipalName
  return [
    user.displayName ?? '(no name)',
    address ? `<${address}>` : undefined,
    role ? `— ${role}` : undefined,
    `[id ${user.id}]`,
  ]
    .filter(Boolean)
    .join(' ')
}
