/**
 * JSON Schemas of notifications' routes and the wire types derived from them (`FromSchema`): the sent-mail log,
 * a person's e-mail preferences, the e-mail settings with the test send.
 */
import { uuid, nullableString, nullableTimestamp, timestamp, pageQueryProperties, pageOf } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** The states of a message: `pending` (queued or waiting to retry), `sent`, `failed` (gave up), `skipped` (not sent: SMTP not configured, or switched off by the recipient). @public */
export const MESSAGE_STATES = ['pending', 'sent', 'failed', 'skipped'] as const

/** A message's state. @public */
export type MessageState = (typeof MESSAGE_STATES)[number]

/** One message of the sent-mail log. @public */
export const messageSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'template', 'essential', 'recipientEmail', 'recipientName', 'subject', 'state', 'attempts', 'error', 'createdAt', 'sentAt', 'nextAttemptAt'],
  properties: {
    id: uuid,
    template: { type: 'string' },
    essential: { type: 'boolean' },
    recipientEmail: { type: 'string' },
    recipientName: nullableString,
    subject: nullableString,
    state: { enum: MESSAGE_STATES },
    /** SMTP attempts so far. */
    attempts: { type: 'integer' },
    /** Why the last attempt failed or why it was skipped, for humans. */
    error: nullableString,
    createdAt: timestamp,
    sentAt: nullableTimestamp,
    nextAttemptAt: nullableTimestamp,
  },
} as const
/** A message of the log. @public */
export type NotificationMessage = FromSchema<typeof messageSchema>

/** `GET /messages` query: filter by state, page. @public */
export const messageQuery = {
  type: 'object', additionalProperties: false,
  properties: { state: { enum: MESSAGE_STATES }, ...pageQueryProperties },
} as const

/** A page of the log, newest first. @public */
export const messagePage = pageOf(messageSchema)
/** A page of the log. @public */
export type NotificationMessagePage = FromSchema<typeof messagePage>

/** One template as the preferences and settings screens list it. @public */
export const templateSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'title', 'description', 'essential', 'plugin'],
  properties: {
    id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, essential: { type: 'boolean' },
    /** The plugin that registered it (`notifications` for the built-in ones). */
    plugin: { type: 'string' },
  },
} as const
/** A template (listing). @public */
export type NotificationTemplateInfo = FromSchema<typeof templateSchema>

/** The signed-in person's e-mail preferences. @public */
export const preferencesSchema = {
  type: 'object', additionalProperties: false, required: ['email', 'allOptionalOff', 'templates'],
  properties: {
    email: { type: 'string' },
    /** Every non-essential e-mail switched off (one-click unsubscribe sets it). */
    allOptionalOff: { type: 'boolean' },
    templates: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'title', 'description', 'essential', 'enabled'],
        properties: {
          id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' },
          /** Always sent; cannot be switched off. */
          essential: { type: 'boolean' },
          /** Whether this person receives it. */
          enabled: { type: 'boolean' },
        },
      },
    },
  },
} as const
/** E-mail preferences. @public */
export type NotificationPreferences = FromSchema<typeof preferencesSchema>

/** `PUT /me/preferences`: the non-essential templates switched off, and the all-off switch. @public */
export const preferencesBody = {
  type: 'object', additionalProperties: false, required: ['allOptionalOff', 'disabled'],
  properties: {
    allOptionalOff: { type: 'boolean' },
    disabled: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 80 } },
  },
} as const
/** Body of `PUT /me/preferences`. @public */
export type NotificationPreferencesBody = FromSchema<typeof preferencesBody>

/** The e-mail settings as the admin screen shows them (from the tenant's plugin config; the password never). @public */
export const settingsSchema = {
  type: 'object', additionalProperties: false, required: ['configured', 'smtp', 'brand', 'timeZone', 'reminderLeadMinutes', 'templates'],
  properties: {
    /** Whether an SMTP host and a from address are set (otherwise mail is logged as skipped, "not configured"). */
    configured: { type: 'boolean' },
    smtp: {
      type: 'object', additionalProperties: false, required: ['host', 'port', 'secure', 'user', 'from', 'passwordSet'],
      properties: {
        host: nullableString, port: { type: 'integer' }, secure: { type: 'boolean' }, user: nullableString, from: nullableString,
        /** A password is configured (inline or as a kernel secret); never shown. */
        passwordSet: { type: 'boolean' },
      },
    },
    brand: {
      type: 'object', additionalProperties: false, required: ['name', 'logoUrl', 'appUrl'],
      properties: { name: { type: 'string' }, logoUrl: nullableString, appUrl: nullableString },
    },
    timeZone: { type: 'string' },
    reminderLeadMinutes: { type: 'integer' },
    templates: { type: 'array', items: templateSchema },
  },
} as const
/** The e-mail settings. @public */
export type NotificationSettings = FromSchema<typeof settingsSchema>

/** `POST /settings/test`: where to send a test e-mail. @public */
export const testSendBody = {
  type: 'object', additionalProperties: false, required: ['to'],
  properties: { to: { type: 'string', format: 'email', minLength: 3, maxLength: 254 } },
} as const

/** What the test send did: the SMTP server's answer or its error. @public */
export const testSendResult = {
  type: 'object', additionalProperties: false, required: ['ok', 'detail'],
  properties: {
    ok: { type: 'boolean' },
    /** The server's response (`250 …`) or why it failed, for humans. */
    detail: { type: 'string' },
    messageId: nullableString,
  },
} as const
/** Result of a test send. @public */
export type TestSendResult = FromSchema<typeof testSendResult>
