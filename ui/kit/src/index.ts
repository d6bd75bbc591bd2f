/**
 * @tessera/ui-kit: Tessera's design tokens, base elements (`tz-*`), and the small clients every screen needs
 * (`api`, `realtime`, `navigate`, `toast`). Importing this module defines every element.
 *
 * In the browser there is exactly one copy of this module: the shell's import map points `@tessera/ui-kit` at a
 * shared vendor build, and plugin bundles keep it external.
 */
export { tokens, tokenDeclarations, installTokens } from './tokens.ts'
export { baseStyles } from './base-styles.ts'
export { fieldStyles } from './field-styles.ts'
export { icons } from './icons.ts'

export { api, ProblemError } from './api.ts'
export type { ApiOptions } from './api.ts'
export { describeProblem, problemToText, pointerLabel, humanize, isProblem, titleForStatus } from './problem.ts'
export type { Problem, ProblemFieldError, ProblemMessage } from './problem.ts'
export { RealtimeClient, realtime } from './realtime.ts'
export type { RealtimeEvent, RealtimeHandler, RealtimeOptions, RealtimeStatus } from './realtime.ts'
export { navigate } from './navigation.ts'
export { can, canAny, setPermissions } from './permissions.ts'
export type { NavigateDetail } from './navigation.ts'

export { TzFormControl } from './form-control.ts'
export { TzAlert } from './tz-alert.ts'
export { TzBadge } from './tz-badge.ts'
export { TzButton } from './tz-button.ts'
export { TzCheckbox } from './tz-checkbox.ts'
export { TzDialog } from './tz-dialog.ts'
export { TzEmptyState } from './tz-empty-state.ts'
export { TzField } from './tz-field.ts'
export { TzIcon } from './tz-icon.ts'
export { TzNumberField } from './tz-number-field.ts'
export { TzPageHeader } from './tz-page-header.ts'
export { TzPagination } from './tz-pagination.ts'
export { TzSchemaForm } from './tz-schema-form.ts'
export { TzSelect } from './tz-select.ts'
export type { SelectOption } from './tz-select.ts'
export { TzSpinner } from './tz-spinner.ts'
export { TzStringList } from './tz-string-list.ts'
export { TzTable } from './tz-table.ts'
export type { TableColumn } from './tz-table.ts'
export { TzTextField } from './tz-text-field.ts'
export { TzToaster, toast } from './tz-toaster.ts'
export type { ToastOptions } from './tz-toaster.ts'

export { schemaFields, choicesOf, primaryType } from './schema/schema-fields.ts'
export type { FieldSpec, FieldKind, FieldChoice } from './schema/schema-fields.ts'
export { initialValue } from './schema/initial-value.ts'
export type { FormValue } from './schema/initial-value.ts'
export { validateValue } from './schema/validate-value.ts'
export type { FieldErrors } from './schema/validate-value.ts'
export { errorsByField } from './schema/errors-by-field.ts'
export type { JsonSchema, JsonSchemaType } from './schema/json-schema.ts'

export { valueOf, checkedOf, splitProblem, screenStyles } from './plugin-screen.ts'
export type { Tenant } from './plugin-screen.ts'
export { Subscriptions } from './subscriptions.ts'
export { widgetStyles } from './widget-styles.ts'
