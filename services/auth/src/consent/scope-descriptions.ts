// Human text for what a grant allows, shown on the consent page. Our own scopes come first; then
// the delegated Microsoft Graph permissions the server is configured to ask Entra for (texts
// follow the Graph permissions reference, learn.microsoft.com/graph/permissions-reference). Graph
// permission names are case-insensitive, so lookups are too. An unknown name is shown as itself.
import type { ConsentScope } from './consent-page.js'

const OUR_SCOPES: Readonly<Record<string, string>> = {
  mcp: 'Use the Microsoft 365 tools of this server as you',
}

const GRAPH: Readonly<Record<string, string>> = {
  'user.read': 'Read your profile',
  'user.readbasic.all': 'Read the basic profiles of people in your organisation',
  'user.read.all': 'Read the full profiles of people in your organisation',
  'people.read': 'Read the people most relevant to you',
  'contacts.read': 'Read your contacts',
  'contacts.readwrite': 'Read and change your contacts',
  'calendars.read': 'Read your calendars',
  'calendars.readwrite': 'Read and change your calendars',
  'mail.read': 'Read your mail',
  'mail.readbasic': 'Read your mail, without message bodies or attachments',
  'mail.readwrite': 'Read, change and delete your mail',
  'mail.send': 'Send mail as you',
  'mailboxsettings.read': 'Read your mailbox settings',
  'files.read': 'Read your files',
  'files.read.all': 'Read all files you can access',
  'files.readwrite': 'Read, change and delete your files',
  'files.readwrite.all': 'Read, change and delete all files you can access',
  'sites.read.all': 'Read items in all SharePoint sites you can access',
  'tasks.read': 'Read your tasks and task lists',
  'tasks.readwrite': 'Read and change your tasks and task lists',
  'notes.read': 'Read your OneNote notebooks',
  'chat.read': 'Read your Teams chat messages',
  'chat.readwrite': 'Read and send your Teams chat messages',
  'channelmessage.read.all': 'Read messages in Teams channels you can access',
  'team.readbasic.all': 'Read the names and descriptions of your teams',
  'presence.read': 'Read your presence (available, busy…)',
  'onlinemeetings.read': 'Read your online meetings',
  'group.read.all': 'Read all groups in your organisation',
  'directory.read.all': 'Read your organisation’s directory',
  offline_access: 'Keep access while you are not using the app',
}

/** The consent text for one of our scopes (`mcp`), or the name itself when unknown. */
export function describeScope(name: string): ConsentScope {
  return { name, description: OUR_SCOPES[name] ?? `Use the scope “${name}”` }
}

/** The consent text for a delegated Graph permission. */
export function describeGraphPermission(name: string): ConsentScope {
  return { name, description: GRAPH[name.toLowerCase()] ?? `Use the Microsoft Graph permission ${name}` }
}

/**
 * What the consent page lists: the requested scopes of this server, then the Graph permissions
 * the server will ask Entra for on the user's behalf (deduplicated, order kept).
 */
export function consentScopeList(
  requested: readonly string[],
  graphPermissions: readonly string[],
): ConsentScope[] {
  const seen = new Set<string>()
  const unique = (name: string) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()) !== undefined
  return [
    ...requested.filter(unique).map(describeScope),
    ...graphPermissions.filter(unique).map(describeGraphPermission),
  ]
}
