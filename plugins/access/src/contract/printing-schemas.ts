/**
 * JSON Schemas of printing: printers registered on site agents (driver kind, device id, location, purpose tags and the
 * purposes they are the location's default for), print jobs with their lifecycle, and the documents a job may carry.
 * Request bodies are strict and bounded (INV-9); the bounds live in {@link PRINT_LIMITS} so the printing service checks
 * documents sent by other plugins against the same numbers as the routes.
 */
import { MAX_OFFSET } from '@tessera/sdk'
import { uuid } from './access-schemas.ts'

/** The purposes front-desk uses print for (any other tag of the same shape may be used too). @public */
export const PRINT_PURPOSES = Object.freeze({ badges: 'badges', receipts: 'receipts', vouchers: 'vouchers' } as const)

/** Bounds of printing input, shared by the routes and the printing service. @public */
export const PRINT_LIMITS = Object.freeze({
  /** Characters of a `text` document. */
  textMaxLength: 20_000,
  /** Decoded bytes of a `pdf` document (512 KiB: a badge, voucher or receipt is a few KiB). */
  pdfMaxBytes: 512 * 1024,
  /** Lines of a `lines` document, and characters per line. */
  linesMax: 20,
  lineMaxLength: 120,
  /** Characters of a job title. */
  titleMaxLength: 100,
  /** Copies of one job. */
  copiesMax: 20,
  /** Characters of a request id. */
  requestIdMaxLength: 100,
  /** Purpose tags per printer. */
  purposesMax: 10,
} as const)

/** The pattern of a purpose tag: `badges`, `receipts`, `vouchers`, `labels-2`… @public */
export const PURPOSE_PATTERN = '^[a-z][a-z0-9-]{0,29}$'
/** The pattern of a request id (a caller's idempotency key, e.g. `pos:receipt:<sale id>`). @public */
export const PRINT_REQUEST_ID_PATTERN = '^[A-Za-z0-9._:-]{1,100}$'
const BASE64_PATTERN = '^[A-Za-z0-9+/]*={0,2}$'

const purpose = { type: 'string', maxLength: 30, pattern: PURPOSE_PATTERN } as const
const purposes = { type: 'array', maxItems: PRINT_LIMITS.purposesMax, uniqueItems: true, items: purpose } as const
const nullableTime = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } as const
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] } as const

/** The states a printer reports (`null`: nothing heard yet). @public */
export const PRINTER_STATES = ['idle', 'processing', 'stopped', 'media-empty', 'offline'] as const

/** A printer with its last reported state. @public */
export const printerSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'name', 'agentId', 'deviceId', 'driver', 'locationId', 'purposes', 'defaultFor', 'state', 'stateReasons', 'stateMessage', 'stateAt', 'agentConnected', 'createdAt'],
  properties: {
    id: uuid, name: { type: 'string' }, agentId: uuid, deviceId: { type: 'string' }, driver: { type: 'string' }, locationId: uuid,
    purposes: { type: 'array', items: { type: 'string' } }, defaultFor: { type: 'array', items: { type: 'string' } },
    state: { type: ['string', 'null'], enum: [...PRINTER_STATES, null] }, stateReasons: { type: 'array', items: { type: 'string' } },
    stateMessage: nullableString, stateAt: nullableTime, agentConnected: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' },
  },
} as const

/** `POST /printers` body. @public */
export const createPrinterBody = {
  type: 'object', additionalProperties: false, required: ['name', 'agentId', 'deviceId', 'driver', 'locationId'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    agentId: uuid,
    deviceId: { type: 'string', minLength: 1, maxLength: 100 },
    driver: { type: 'string', maxLength: 40, pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'The driver kind the agent runs for the device: ipp, printer-simulator, …' },
    locationId: uuid,
    purposes,
    defaultFor: { ...purposes, description: 'Purposes (among `purposes`) this printer is the default for at its location' },
  },
} as const

/** `PATCH /printers/:id` body. @public */
export const updatePrinterBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: {
    name: createPrinterBody.properties.name, locationId: uuid, purposes, defaultFor: createPrinterBody.properties.defaultFor,
  },
} as const

/** `GET /printers` query. @public */
export const printerQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    locationId: uuid, purpose,
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 100 }, offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
  },
} as const

/** What a print job carries: plain text, a PDF (base64), or lines laid out on a one-page PDF by access. @public */
export const printDocumentSchema = {
  oneOf: [
    {
      type: 'object', additionalProperties: false, required: ['kind', 'text'],
      properties: { kind: { const: 'text' }, text: { type: 'string', minLength: 1, maxLength: PRINT_LIMITS.textMaxLength } },
    },
    {
      type: 'object', additionalProperties: false, required: ['kind', 'base64'],
      properties: {
        kind: { const: 'pdf' },
        base64: { type: 'string', minLength: 4, maxLength: Math.ceil(PRINT_LIMITS.pdfMaxBytes / 3) * 4, pattern: BASE64_PATTERN },
      },
    },
    {
      type: 'object', additionalProperties: false, required: ['kind', 'lines'],
      properties: {
        kind: { const: 'lines' },
        lines: { type: 'array', minItems: 1, maxItems: PRINT_LIMITS.linesMax, items: { type: 'string', maxLength: PRINT_LIMITS.lineMaxLength } },
        layout: { type: 'string', enum: ['badge', 'ticket'], description: 'badge: 3.5 × 2 in card (default); ticket: 80 mm roll' },
      },
    },
  ],
} as const

/** `POST /print-jobs` body: a printer by id, or by purpose (and location). @public */
export const printRequestBody = {
  type: 'object', additionalProperties: false, required: ['requestId', 'document'],
  properties: {
    requestId: { type: 'string', maxLength: PRINT_LIMITS.requestIdMaxLength, pattern: PRINT_REQUEST_ID_PATTERN },
    printerId: uuid,
    purpose,
    locationId: uuid,
    document: printDocumentSchema,
    title: { type: 'string', minLength: 1, maxLength: PRINT_LIMITS.titleMaxLength },
    copies: { type: 'integer', minimum: 1, maximum: PRINT_LIMITS.copiesMax },
  },
} as const

/** Lifecycle of a print job: `queued → sent → printing → completed`, or `failed` (with the printer's reason) / `cancelled`. @public */
export const PRINT_JOB_STATES = ['queued', 'sent', 'printing', 'completed', 'failed', 'cancelled'] as const

/** A print job. @public */
export const printJobSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'requestId', 'printerId', 'purpose', 'title', 'contentType', 'copies', 'state', 'reason', 'message', 'attempts', 'printerJobId', 'pagesPrinted', 'source', 'cancelRequested', 'createdAt', 'updatedAt', 'finishedAt'],
  properties: {
    id: uuid, requestId: { type: 'string' }, printerId: { anyOf: [uuid, { type: 'null' }] }, purpose: nullableString, title: { type: 'string' },
    contentType: { type: 'string', enum: ['application/pdf', 'text/plain'] }, copies: { type: 'integer' },
    state: { type: 'string', enum: PRINT_JOB_STATES },
    reason: { ...nullableString, description: 'Why it failed or is being retried: offline, device-error, expired, printer, invalid-request, …' },
    message: { ...nullableString, description: 'What the printer or the agent said' },
    attempts: { type: 'integer' }, printerJobId: nullableString, pagesPrinted: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    source: { type: 'string', description: 'Who asked: the plugin id (access for staff prints)' },
    cancelRequested: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, finishedAt: nullableTime,
  },
} as const

/** `GET /print-jobs` query. @public */
export const printJobQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    printerId: uuid, state: { type: 'string', enum: PRINT_JOB_STATES },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
  },
} as const
