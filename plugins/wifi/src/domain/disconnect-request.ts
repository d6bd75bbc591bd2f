/**
 * RADIUS Disconnect-Request (RFC 5176) to end a live session at the access point / controller when a member loses
 * Wi-Fi (membership ended or suspended, person suspended): code 40 with `User-Name` and `Acct-Session-Id`, the
 * Request Authenticator MD5(code | id | length | 16 zero octets | attributes | secret); the NAS answers
 * Disconnect-ACK (41) or -NAK (42), whose Response Authenticator is checked. Best effort: a NAS that does not
 * answer within the timeout is reported, and the member is refused anyway at the next re-authentication.
 */
import { createHash, randomInt } from 'node:crypto'
import { createSocket } from 'node:dgram'

const DISCONNECT_REQUEST = 40
const DISCONNECT_ACK = 41
const DISCONNECT_NAK = 42

function attribute(type: number, value: string): Buffer {
  const v = Buffer.from(value, 'utf8').subarray(0, 253)
  return Buffer.concat([Buffer.from([type, v.length + 2]), v])
}

/** Builds a Disconnect-Request packet. */
export function disconnectPacket(id: number, secret: string, s: { username: string; sessionId: string }): Buffer {
  const attrs = Buffer.concat([attribute(1, s.username), attribute(44, s.sessionId)])
  const header = Buffer.alloc(4)
  header.writeUInt8(DISCONNECT_REQUEST, 0)
  header.writeUInt8(id, 1)
  header.writeUInt16BE(20 + attrs.length, 2)
  const auth = createHash('md5').update(header).update(Buffer.alloc(16)).update(attrs).update(secret).digest()
  return Buffer.concat([header, auth, attrs])
}

/** Sends a Disconnect-Request to `host:port`; resolves with the NAS's answer. */
export async function sendDisconnect(host: string, port: number, secret: string, s: { username: string; sessionId: string }, timeoutMs = 2000): Promise<'ack' | 'nak' | 'timeout' | 'bad-response'> {
  const id = randomInt(256)
  const packet = disconnectPacket(id, secret, s)
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs)
      socket.on('message', (msg) => {
        if (msg.length < 20 || msg.readUInt8(1) !== id) return
        const expected = createHash('md5').update(msg.subarray(0, 4)).update(packet.subarray(4, 20)).update(msg.subarray(20)).update(secret).digest()
        clearTimeout(timer)
        if (!expected.equals(msg.subarray(4, 20))) resolve('bad-response')
        else resolve(msg.readUInt8(0) === DISCONNECT_ACK ? 'ack' : msg.readUInt8(0) === DISCONNECT_NAK ? 'nak' : 'bad-response')
      })
      socket.on('error', () => { clearTimeout(timer); resolve('timeout') })
      socket.send(packet, port, host)
    })
  } finally {
    socket.close()
  }
}
