/**
 * The `access.printing` service other plugins consume (`@tessera/plugin-access/contract`): queue a print on the
 * caller's transaction by printer id or by purpose and location, find the printer a purpose would use, read and
 * cancel a job by request id. The request id must start with the caller's plugin id and a colon
 * (`pos:receipt:<sale id>`): that prefix is stored as the job's `source`.
 */
import { problem } from '@tessera/sdk'
import type { PrintingService } from '../contract/index.ts'
import { toPrinter } from '../store/printers-store.ts'
import { jobByRequestId, toPrintJob } from '../store/print-jobs-store.ts'
import type { AccessContext } from './access-config.ts'
import { choosePrinter } from './printers.ts'
import { cancelPrint, submitPrint } from './print-jobs.ts'

const SOURCE = /^([a-z][a-z0-9-]{0,39}):/

/** The provider of `access.printing`. */
export function printingService(ctx: AccessContext): PrintingService {
  return {
    async print(request) {
      const source = typeof request?.requestId === 'string' ? SOURCE.exec(request.requestId)?.[1] : undefined
      if (!source) throw problem.unprocessable('The print request id must start with your plugin id and a colon (pos:receipt:…).', [{ pointer: '/requestId', detail: 'no plugin prefix' }])
      return submitPrint(ctx, request, source)
    },
    async findPrinter(choice) {
      const row = await choosePrinter(ctx, choice)
      return row && toPrinter(row)
    },
    async job(requestId) {
      const row = await jobByRequestId(ctx.db, requestId)
      return row && toPrintJob(row)
    },
    async cancel(requestId) {
      const row = await jobByRequestId(ctx.db, requestId)
      return row && cancelPrint(ctx, row)
    },
  }
}
