// The tools the service offers, one file each (STYLE §8). The MCP layer filters this list per user
// by granted permissions and operator policy; write tools only when writes are enabled.
import { add } from './add.js'
import { createCalendarEvent } from './create-calendar-event.js'
import { findMeetingTimes } from './find-meeting-times.js'
import { getManager } from './get-manager.js'
import { getMessage } from './get-message.js'
import { getUser } from './get-user.js'
import { getUserProfile } from './get-user-profile.js'
import { listCalendarEvents } from './list-calendar-events.js'
import { listDirectReports } from './list-direct-reports.js'
import { listMessages } from './list-messages.js'
import { listMyGroups } from './list-my-groups.js'
import { listRecentFiles } from './list-recent-files.js'
import { listUsers } from './list-users.js'
import { searchFiles } from './search-files.js'
import { searchPeople } from './search-people.js'
import { sendMail } from './send-mail.js'
import type { ToolDefinition } from './tool-definition.js'

export const tools: readonly ToolDefinition[] = [
  add,
  getUserProfile,
  searchPeople,
  listUsers,
  getUser,
  getManager,
  listDirectReports,
  listMyGroups,
  listCalendarEvents,
  findMeetingTimes,
  listMessages,
  getMessage,
  searchFiles,
  listRecentFiles,
  createCalendarEvent,
  sendMail,
]

export {
  add,
  createCalendarEvent,
  findMeetingTimes,
  getManager,
  getMessage,
  getUser,
  getUserProfile,
  listCalendarEvents,
  listDirectReports,
  listMessages,
  listMyGroups,
  listRecentFiles,
  listUsers,
  searchFiles,
  searchPeople,
  sendMail,
}
export type { ToolAnnotations, ToolContext, ToolDefinition, ToolResult } from './tool-definition.js'
export { PERMISSIONS } from './permissions.js'
