# {{title}} — `{{package}}`

A Tessera plugin (id `{{id}}`): notes per tenant, with a staff screen. Scaffolded by `tessera plugins new {{id}}` from
the template of `@tessera/sdk`; it is yours to change.

## Layout

| path | what |
|---|---|
| `src/index.ts` | the plugin definition (`definePlugin`): id, version (from `package.json`), `kernel` range, permissions, config schema, migrations, event, service, routes, UI |
| `src/contract/` | what other plugins may use (`{{package}}/contract`): permission names, the `{{id}}.note.created` event, the `{{camel}}Notes` service ref, wire schemas and types |
| `src/routes/` → `src/domain/` → `src/store/` | HTTP (schemas, permissions) → rules (trim, `maxNotes`, audit, event) → SQL on `ctx.db` |
| `src/migrations/001-{{id}}.ts` | the table `{{schema}}.notes` in the plugin's own schema; the kernel adds Row-Level Security |
| `src/domain/{{id}}-config.ts` | the per-tenant config schema (`maxNotes`) and its type |
| `ui/src/{{id}}-screen.ts` | `<{{id}}-notes>`, the Lit screen at `/{{id}}` (the bundle's entry: `ui.entry`) |
| `test/{{id}}.test.ts` | API tests on a real kernel and PostgreSQL (`@tessera/sdk/testing`) |

## Commands

```sh
npm test                  # node --test: the plugin from source on a real kernel; DATABASE_URL picks the PostgreSQL server
npm run typecheck         # tsc: server, UI and tests
npx tessera plugins build # tsc → dist/, then the UI bundle → dist/ui/index.js (+ index.meta.json: the Lit/kit ranges)
npx tessera plugins dev . # a local kernel with this plugin, reloaded on every change under src/ and ui/
npm pack                  # the package a host installs by name
```

Node 24 or newer (the tests and the dev loop run the TypeScript sources directly). The host provides `@tessera/sdk`
(a peer dependency), and the shell provides `lit` and `@tessera/ui-kit` to the browser: the bundle keeps them external,
and the kernel refuses a bundle whose declared ranges the shell does not serve.

## Install into a host

```sh
npm install /path/to/{{package}}-1.0.0.tgz        # in the host folder
# name it in the host's tessera.json: { "plugins": ["{{package}}"] }
npx tessera migrate && npx tessera plugins enable <tenant> {{id}}
```
