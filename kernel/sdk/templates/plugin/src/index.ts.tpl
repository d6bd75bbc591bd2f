/**
 * `{{id}}`: {{title}} — notes per tenant, with a staff screen. Written against the published `@tessera/sdk` (a peer
 * dependency the host provides), in the layout of every Tessera plugin: `contract/` (what others may use), `routes/`
 * → `domain/` → `store/`, `migrations/`, the UI in `ui/` (entry `ui.entry`, built by `tessera plugins build`), tests in
 * `test/` against a real PostgreSQL.
 */
import { definePlugin, provide } from '@tessera/sdk'
import { {{camel}}Notes, {{camel}}Permissions, noteCreated } from './contract/index.ts'
import { configSchema } from './domain/{{id}}-config.ts'
import { notesService } from './domain/notes.ts'
import { migration001 } from './migrations/001-{{id}}.ts'
import { notesRoutes } from './routes/notes-routes.ts'
import { packageVersion } from './package-version.ts'

export default definePlugin({
  id: '{{id}}',
  version: packageVersion,
  kernel: '{{kernelRange}}',
  name: '{{title}}',
  description: 'Notes per tenant, with a staff screen.',
  configSchema,
  permissions: {
    [{{camel}}Permissions.read]: { description: 'See the notes', roles: ['owner', 'admin', 'manager', 'support'] },
    [{{camel}}Permissions.manage]: { description: 'Write and delete notes', roles: ['owner', 'admin', 'manager'] },
  },
  migrations: [migration001],
  events: [noteCreated],
  services: [provide({{camel}}Notes, notesService)],
  routes(app, ctx) {
    notesRoutes(app, ctx)
  },
  ui: {
    entry: 'ui/src/{{id}}-screen.ts',
    nav: [{ label: '{{title}}', path: '/{{id}}', icon: 'inbox', order: 100, permission: {{camel}}Permissions.read }],
    routes: [{ path: '/{{id}}', tag: '{{id}}-notes', permission: {{camel}}Permissions.read }],
  },
})
