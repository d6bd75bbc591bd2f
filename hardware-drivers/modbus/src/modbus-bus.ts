/**
 * One Modbus bus: a single `modbus-serial` client for one TCP endpoint or serial line, with a promise queue so that
 * exactly one request is on the wire at a time, whichever driver asked (Modbus RTU is strictly half-duplex, and
 * many cheap TCP relay boards mishandle pipelined requests). The bus connects lazily, sets the unit id and the
 * response timeout before each request, and drops the connection after a timeout or a transport error so the next
 * request reconnects cleanly; a Modbus exception response (the board answered "illegal address") keeps it.
 * Dropping a serial line closes the port and waits for the close before reopening it: `modbus-serial`'s
 * `destroy()` is a no-op for its buffered RTU port, and serial ports are opened exclusively, so a port that was
 * only abandoned would refuse every reopen ("Cannot lock port") and the lock would stay offline for good. A transport
 * error between requests (the adapter unplugged while a write was under way) arrives as the client's `'error'` event:
 * it drops the connection like a failed request does, instead of going unheard and crashing the process.
 */
import Modbus from 'modbus-serial'

const ModbusRTU = Modbus.default
type ModbusClient = InstanceType<typeof ModbusRTU>

/** Where a bus is. */
export type ModbusEndpoint =
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'rtu'; path: string; baudRate: number; parity: 'none' | 'even' | 'odd' }

/**
 * The key that identifies a bus: drivers with the same key share one queue.
 *
 * @param endpoint - the endpoint
 * @returns `tcp://host:port` or `rtu://path`
 */
export function busKey(endpoint: ModbusEndpoint): string {
  return endpoint.transport === 'tcp' ? `tcp://${endpoint.host}:${endpoint.port}` : `rtu://${endpoint.path}`
}

/**
 * Whether an error is a Modbus exception response (the device answered, so the link is fine).
 *
 * @param error - what a request threw
 * @returns `true` for exception responses
 */
export function isModbusException(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { modbusCode?: unknown }).modbusCode === 'number'
}

/** A serialised connection to one bus. */
export class ModbusBus {
  /** The bus key (see {@link busKey}). */
  readonly key: string
  readonly #endpoint: ModbusEndpoint
  #client: ModbusClient | null = null
  #dropping: Promise<void> = Promise.resolve()
  #tail: Promise<unknown> = Promise.resolve()
  #closed = false

  /** @param endpoint - where the bus is */
  constructor(endpoint: ModbusEndpoint) {
    this.#endpoint = endpoint
    this.key = busKey(endpoint)
  }

  /**
   * Queue a request. It runs after every request queued before it has finished.
   *
   * @param unitId - unit id to address
   * @param timeoutMs - response (and connect) timeout
   * @param operation - the request, given the connected client
   * @returns what the operation returns
   */
  run<T>(unitId: number, timeoutMs: number, operation: (client: ModbusClient) => Promise<T>): Promise<T> {
    const execute = async (): Promise<T> => {
      if (this.#closed) throw new Error(`modbus bus ${this.key} is closed`)
      const client = await this.#connect(timeoutMs)
      client.setID(unitId)
      client.setTimeout(timeoutMs)
      try {
        // modbus-serial enforces timeoutMs itself; the watchdog only guards against a request that never settles
        return await withTimeout(operation(client), 2 * timeoutMs + 100, `request to ${this.key} did not settle`)
      } catch (error) {
        if (!isModbusException(error)) this.#drop()
        throw error
      }
    }
    const result = this.#tail.then(execute, execute)
    this.#tail = result.catch(() => {})
    return result
  }

  /** Wait for queued requests, then disconnect. Later requests fail. */
  async close(): Promise<void> {
    await this.#tail
    this.#closed = true
    this.#drop()
    await this.#dropping
  }

  async #connect(timeoutMs: number): Promise<ModbusClient> {
    if (this.#client?.isOpen) return this.#client
    this.#drop()
    await this.#dropping
    const client = new ModbusRTU()
    this.#client = client
    client.on('error', () => {
      if (this.#client === client) this.#drop()
    })
    const endpoint = this.#endpoint
    const connecting =
      endpoint.transport === 'tcp'
        ? client.connectTCP(endpoint.host, { port: endpoint.port, timeout: timeoutMs })
        : client.connectRTUBuffered(endpoint.path, { baudRate: endpoint.baudRate, parity: endpoint.parity })
    try {
      await withTimeout(connecting, timeoutMs, `connect to ${this.key} timed out after ${timeoutMs} ms`)
    } catch (error) {
      this.#drop()
      throw error
    }
    return client
  }

  #drop(): void {
    const client = this.#client
    this.#client = null
    if (!client) return
    if (this.#endpoint.transport === 'tcp') {
      try {
        client.destroy(() => {})
      } catch {
        // already gone
      }
      return
    }
    this.#dropping = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000)
      const done = (): void => {
        clearTimeout(timer)
        resolve()
      }
      try {
        if (client.isOpen) client.close(done)
        else done()
      } catch {
        done() // the device node is already gone
      }
    })
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
