/**
 * The `members` plugin: organisations and people of a space, their status, invitations to sign in as a member,
 * search, GDPR export and anonymisation. Every other domain plugin reads people through its `directory` service.
 */
import { definePlugin } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { membersMigration001 } from './migrations/001-members.ts'
import { membersMigration002 } from './migrations/002-person-invitations.ts'
import { peopleRoutes } from './routes/people-routes.ts'
import { organisationsRoutes } from './routes/organisations-routes.ts'
import { gdprRoutes } from './routes/gdpr-routes.ts'
import { meRoutes } from './routes/me-routes.ts'
import { directory } from './services/directory.ts'
import { seedSampleData } from './seed-sample-data.ts'
import { linkAcceptedInvitation } from './link-accepted-invitation.ts'

const staffEvent = { ui: { permission: 'members.read' } }

export default definePlugin({
  id: 'members',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Members',
  description: 'Organisations and people: contact details, status, invitations, GDPR export and anonymisation.',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  permissions: {
    'members.read': { description: 'See people and organisations', roles: ['admin', 'manager', 'support', 'finance'] },
    'members.write': { description: 'Create and change people and organisations, invite members', roles: ['admin', 'manager'] },
    'members.gdpr': { description: 'Export and anonymise a person (GDPR requests)', roles: ['admin'] },
    'members.self': { description: 'Read one\'s own member record', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
  },
  events: {
    'members.person.created': { ...staffEvent, description: 'A person was added ({ id, status, organisationId })' },
    'members.person.updated': { ...staffEvent, description: 'A person was changed ({ id, fields, organisationId })' },
    'members.person.status-changed': { ...staffEvent, description: 'A person\'s status changed ({ id, from, to })' },
    'members.person.anonymised': { ...staffEvent, description: 'A person was anonymised; erase their personal data ({ id })' },
    'members.organisation.created': { ...staffEvent, description: 'An organisation was added ({ id })' },
    'members.organisation.updated': { ...staffEvent, description: 'An organisation was changed ({ id, fields })' },
    'members.organisation.deleted': { ...staffEvent, description: 'An organisation was deleted ({ id })' },
  },
  migrations: [membersMigration001, membersMigration002],
  services: { directory },
  ui: {
    nav: [{ label: 'Members', path: '/members', icon: 'people', order: 20, permission: 'members.read' }],
    routes: [
      { path: '/members', tag: 'members-list', permission: 'members.read' },
      { path: '/members/:id', tag: 'members-detail', permission: 'members.read' },
      { path: '/organisations', tag: 'members-organisations', permission: 'members.read' },
    ],
  },
  seed: seedSampleData,
  onInvitationAccepted: linkAcceptedInvitation,
  routes(app, ctx) {
    meRoutes(app, ctx)
    peopleRoutes(app, ctx)
    gdprRoutes(app, ctx)
    organisationsRoutes(app, ctx)
  },
})

export type { Directory } from './services/directory.ts'
export type { Person } from './store/person-store.ts'
