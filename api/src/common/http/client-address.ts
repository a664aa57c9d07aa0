import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** Headers a reverse proxy adds; their presence means the socket's peer is not the client. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped spellings. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = unmapIPv4(address);
  if (isIPv4(plain)) return plain.startsWith('127.');
  return isIPv6(plain) && expandIPv6(plain) === '0000:0000:0000:0000:0000:0000:0000:0001';
}

/**
 * The request came straight from this machine: the TCP peer is loopback (never `request.ip`,
 * which honours X-Forwarded-For under TRUST_PROXY and so can be forged) and no proxy forwarded
 * it (a proxy on the same host would make every visitor look local).
 */
export function isDirectLoopback(request: FastifyRequest): boolean {
  if (!isLoopbackAddress(request.raw.socket.remoteAddress)) return false;
  return FORWARDING_HEADERS.every((h) => request.headers[h] === undefined);
}

/**
 * The unit that per-address limits count: an IPv4 address, or an IPv6 /64 (one subscriber
 * usually holds a whole /64, so counting single IPv6 addresses would give each client billions
 * of fresh identities).
 */
export function addressGroup(address: string): string {
  const plain = unmapIPv4(address);
  if (!isIPv6(plain)) return plain;
  return `${expandIPv6(plain).split(':').slice(0, 4).join(':')}::/64`;
}

function unmapIPv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Eight four-digit lower-case groups, so every spelling of an address compares equal. */
function expandIPv6(address: string): string {
  let text = address.toLowerCase().split('%')[0];
  // An embedded IPv4 tail (::1.2.3.4) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === null ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => g.padStart(4, '0')).join(':');
}
