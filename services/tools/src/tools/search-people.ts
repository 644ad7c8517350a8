// searchPeople: people relevant to the signed-in user, ranked by Graph from their communication and
// collaboration (https://learn.microsoft.com/graph/api/user-list-people, people-example-search).
import { z } from 'zod'
import { guarded } from './guarded.js'
import { compact, list, record, str, type GraphRecord } from './graph-values.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import { cleanSearchText, freeTextPhrase, hasWord } from './query-text.js'
import type { ToolDefinition } from './tool-definition.js'

const input = z.object({
  query: z
    .string()
    .max(200)
    .transform(cleanSearchText)
    .refine(hasWord, 'must contain a letter or digit')
    .describe('Name or part of a name or email to look for, e.g. "marcus".'),
  top: z
    .number()
    .int()
    .min(1)
    .max(25)
    .default(10)
    .describe('Most relevant people to return (1–25, default 10).'),
})
const person = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  email: z.string().optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
})
const output = listOutput(person)
const permissions = PERMISSIONS.people

export const searchPeople: ToolDefinition<typeof input, typeof output> = {
  name: 'searchPeople',
  title: 'Search people',
  description:
    'Finds people relevant to the signed-in user (colleagues they work with), ranked by relevance, by name or email.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ query, top }, context) =>
    guarded(permissions, context, async () => {
      const page = await context.graph.getPage<GraphRecord>('/me/people', {
        query: {
          $search: freeTextPhrase(query),
          $top: top,
          $select: 'id,displayName,scoredEmailAddresses,jobTitle,department',
        },
        permissions,
      })
      const people = page.value.slice(0, top).map((raw) =>
        compact({
          id: str(raw.id) ?? '',
          displayName: str(raw.displayName),
          email: str(record(list(raw.scoredEmailAddresses)[0]).address),
          jobTitle: str(raw.jobTitle),
          department: str(raw.department),
        }),
      )
      return listResult(context, {
        items: people,
        // No cursor: people are ranked anew on every call (from the user's recent communication),
        // so a page fetched again need not hold the same people in the same order, and a resume
        // position within it could skip or repeat someone. The note says what to ask instead.
        withoutCursor:
          'This ranked search has no cursor; the most relevant are shown. Ask with a more specific query to find someone not listed.',
        line: (p) =>
          [
            p.displayName ?? '(no name)',
            p.email ? `<${p.email}>` : undefined,
            p.jobTitle ? `— ${p.jobTitle}` : undefined,
          ]
            .filter(Boolean)
            .join(' '),
        empty: 'Nobody matches the search.',
        heading: (n) => `${n} most relevant people:`,
      })
    }),
}
