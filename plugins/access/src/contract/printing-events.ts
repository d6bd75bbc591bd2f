/**
 * The printing events of the access plugin. `access.print-job.updated` (a job was queued or moved on: sent to the
 * printer, printing, completed, failed with the printer's reason, cancelled, or is waiting for a retry) and
 * `access.printer.status-changed` reach the browsers of staff holding `access.read` and any subscriber;
 * `access.print-jobs.pending` is internal (the plugin itself subscribes, so a new job is sent to its agent after the
 * transaction that queued it has committed).
 */
import { defineEvent, timestamp, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { accessPermissions } from './access-permissions.ts'

const staff = { permission: accessPermissions.read }
const nullableText = (maxLength: number) => ({ anyOf: [{ type: 'string', maxLength }, { type: 'null' }] }) as const

/** `access.print-job.updated`: a print job was queued or changed state. @public */
export const printJobUpdated = defineEvent({
  name: 'access.print-job.updated',
  description: 'A print job was queued or changed state (queued, sent, printing, completed, failed, cancelled), with the printer\'s reason',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['jobId', 'requestId', 'printerId', 'source', 'state', 'reason', 'message', 'updatedAt'],
    properties: {
      jobId: uuid,
      requestId: { type: 'string', maxLength: 100 },
      printerId: { anyOf: [uuid, { type: 'null' }] },
      source: { type: 'string', maxLength: 40, description: 'The plugin that asked for the print' },
      state: { type: 'string', enum: ['queued', 'sent', 'printing', 'completed', 'failed', 'cancelled'] },
      reason: nullableText(40),
      message: nullableText(500),
      updatedAt: timestamp,
    },
  },
})

/** `access.printer.status-changed`: a printer reported another state. @public */
export const printerStatusChanged = defineEvent({
  name: 'access.printer.status-changed',
  description: 'A printer reported another state (idle, processing, stopped, media-empty, offline) with its reasons',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['printerId', 'state', 'reasons'],
    properties: {
      printerId: uuid,
      state: { type: 'string', enum: ['idle', 'processing', 'stopped', 'media-empty', 'offline'] },
      reasons: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 100 } },
    },
  },
})

/** `access.print-jobs.pending` (internal): an agent has print work (a new job, a cancel) to be sent. @public */
export const printJobsPending = defineEvent({
  name: 'access.print-jobs.pending',
  description: 'Internal: the agent has print jobs or cancels to send',
  schema: { type: 'object', additionalProperties: false, required: ['agentId'], properties: { agentId: uuid } },
})

/** Payload of {@link printJobUpdated}. @public */
export type PrintJobUpdate = PayloadOf<typeof printJobUpdated>
/** Payload of {@link printerStatusChanged}. @public */
export type PrinterStatusChange = PayloadOf<typeof printerStatusChanged>
/** Payload of {@link printJobsPending}. @public */
export type PrintJobsPending = PayloadOf<typeof printJobsPending>
