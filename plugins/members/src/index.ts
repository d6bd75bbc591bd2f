/**
 * The `members` plugin: organisations and people of a space, their status, invitations to sign in as a member,
 * search, GDPR export and anonymisation. Every other domain plugin reads people through its `directory` service and
 * follows them through its events, both declared in `@tessera/plugin-members/contract` (`src/contract/`).
 */
import { definePlugin, provide } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { membersMigration001 } from './migrations/001-members.ts'
import { membersMigration002 } from './migrations/002-person-invitations.ts'
import { membersMigration003 } from './migrations/003-marketing-consent.ts'
import { membersMigration004 } from './migrations/004-person-notes.ts'
import { membersMigration005 } from './migrations/005-search-indexes.ts'
import { membersSearch } from './search/members-search.ts'
import { peopleRoutes } from './routes/people-routes.ts'
import { organisationsRoutes } from './routes/organisations-routes.ts'
import { gdprRoutes } from './routes/gdpr-routes.ts'
import { meRoutes } from './routes/me-routes.ts'
import { notesRoutes } from './routes/notes-routes.ts'
import { directory } from './domain/directory.ts'
import { seedSampleData } from './seed-sample-data.ts'
import { linkAcceptedInvitation } from './domain/link-accepted-invitation.ts'
import { membersDirectory } from './contract/directory.ts'
import { membersEvents } from './contract/members-events.ts'
import { membersPermissions } from './contract/members-permissions.ts'

export default definePlugin({
  id: 'members',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Members',
  description: 'Organisations and people: contact details, status, invitations, GDPR export and anonymisation.',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  permissions: {
    [membersPermissions.read]: { description: 'See people and organisations', roles: ['admin', 'manager', 'support', 'finance'] },
    [membersPermissions.write]: { description: 'Create and change people and organisations, invite members', roles: ['admin', 'manager'] },
    [membersPermissions.gdpr]: { description: 'Export and anonymise a person (GDPR requests)', roles: ['admin'] },
    [membersPermissions.self]: { description: 'Read one\'s own member record and set one\'s marketing consent', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
  },
  events: membersEvents,
  migrations: [membersMigration001, membersMigration002, membersMigration003, membersMigration004, membersMigration005],
  search: membersSearch,
  services: [provide(membersDirectory, directory)],
  ui: {
    // 200 when the signed-in user is a person here: staff who are also members see the self-service pages
    self: '/me/linked',
    nav: [{ label: 'Members', path: '/members', icon: 'people', order: 20, permission: membersPermissions.read }],
    routes: [
      { path: '/members', tag: 'members-list', permission: membersPermissions.read },
      { path: '/members/:id', tag: 'members-detail', permission: membersPermissions.read },
      { path: '/organisations', tag: 'members-organisations', permission: membersPermissions.read },
    ],
    // the profile at /members/:id is composed of these and the other plugins' sections (members-profile-sections)
    profileSections: [
      { id: 'notes', title: 'Notes', element: 'members-notes-section', size: 'm', permission: membersPermissions.read, order: 900 },
      { id: 'activity', title: 'Activity', element: 'members-activity-section', size: 'm', permission: 'tessera.audit.read', order: 910 },
    ],
  },
  seed: seedSampleData,
  onInvitationAccepted: linkAcceptedInvitation,
  routes(app, ctx) {
    meRoutes(app, ctx)
    peopleRoutes(app, ctx)
    notesRoutes(app, ctx)
    gdprRoutes(app, ctx)
    organisationsRoutes(app, ctx)
  },
})
