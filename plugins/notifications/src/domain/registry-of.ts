/** One {@link TemplateRegistry} per plugin context (the context lives as long as the kernel instance). */
import { TemplateRegistry } from './template-registry.ts'
import type { NotificationsContext } from './notifications-config.ts'

const registries = new WeakMap<NotificationsContext, TemplateRegistry>()

/** The registry of `ctx`. */
export function registryOf(ctx: NotificationsContext): TemplateRegistry {
  let r = registries.get(ctx)
  if (!r) registries.set(ctx, (r = new TemplateRegistry(ctx)))
  return r
}
