/**
 * Kurento's WebRtcEndpoint.turnUrl, 'user:password@address:port?transport=udp|tcp|tls', read into
 * its parts and written as the ICE server werift takes. The password may hold ':' and '@': the
 * first ':' ends the user name and the last '@' ends the password. The port defaults to 3478 and
 * the transport to udp; an IPv6 address is written in brackets ('[::1]:3478').
 */
import { isIPv4, isIPv6 } from 'node:net';

export type TurnTransport = 'udp' | 'tcp' | 'tls';

export interface TurnServer {
  username: string;
  password: string;
  /** An IPv4 or IPv6 address (without brackets) or a host name. */
  host: string;
  port: number;
  transport: TurnTransport;
}

/** werift's RTCIceServer for a TURN server. */
export interface TurnIceServer {
  urls: string;
  username: string;
  credential: string;
}

const DEFAULT_PORT = 3478;
const TRANSPORTS: readonly TurnTransport[] = ['udp', 'tcp', 'tls'];
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const SCHEME = /^(turns?|stuns?):/i;

/** Why a turnUrl was refused; the message names the part that is wrong. */
export class TurnUrlError extends Error {
  constructor(
    readonly url: string,
    /** What is wrong and what was expected, without the url (for messages that show it themselves). */
    readonly problem: string,
  ) {
    super(`turnUrl '${url}' ${problem}`);
  }
}

/** Reads a turnUrl; throws TurnUrlError naming what is wrong. */
export function parseTurnUrl(url: string): TurnServer {
  const fail = (problem: string): never => {
    throw new TurnUrlError(url, `${problem}; expected 'user:password@address:port', optionally followed by '?transport=udp|tcp|tls'`);
  };
  const text = url.trim();
  if (SCHEME.test(text)) fail(`starts with a URI scheme ('${SCHEME.exec(text)?.[0]}'), which Kurento's turnUrl does not have`);
  const at = text.lastIndexOf('@');
  if (at < 0) fail("has no '@' between the credentials and the address");
  const credentials = text.slice(0, at);
  const colon = credentials.indexOf(':');
  if (colon < 0) fail("has no ':' between the user name and the password");
  const username = credentials.slice(0, colon);
  const password = credentials.slice(colon + 1);
  if (!username) fail('has an empty user name');
  if (!password) fail('has an empty password');

  const [location = '', query, ...more] = text.slice(at + 1).split('?');
  if (more.length > 0) fail("has more than one '?'");
  const transport = query === undefined ? 'udp' : transportOf(query, fail);
  const { host, portText } = splitHostPort(location, fail);
  if (!isIPv4(host) && !isIPv6(host)) {
    if (/^[\d.]+$/.test(host)) fail(`has '${host}', which is not an IPv4 address`);
    if (!HOST_NAME.test(host)) fail(`has '${host}', which is neither an IP address nor a host name`);
  }
  let port = DEFAULT_PORT;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) fail(`has port '${portText}', not a number from 1 to 65535`);
  }
  return { username, password, host, port, transport };
}

/**
 * The TURN server as werift's iceServers entry. werift reads 'turn:' with '?transport=udp|tcp'
 * and takes TLS as 'turns:' (its '?transport=' may then only say tcp).
 */
export function turnIceServer(turn: TurnServer): TurnIceServer {
  const host = isIPv6(turn.host) ? `[${turn.host}]` : turn.host;
  const urls = turn.transport === 'tls' ? `turns:${host}:${turn.port}?transport=tcp` : `turn:${host}:${turn.port}?transport=${turn.transport}`;
  return { urls, username: turn.username, credential: turn.password };
}

function transportOf(query: string, fail: (problem: string) => never): TurnTransport {
  const match = /^transport=(.*)$/.exec(query);
  if (!match) return fail(`has '?${query}' where only '?transport=udp|tcp|tls' may follow the address`);
  const transport = (match[1] ?? '').toLowerCase() as TurnTransport;
  return TRANSPORTS.includes(transport) ? transport : fail(`has transport '${match[1]}', not udp, tcp or tls`);
}

function splitHostPort(location: string, fail: (problem: string) => never): { host: string; portText?: string } {
  if (!location) return fail('has no address after the last \'@\'');
  if (location.startsWith('[')) {
    const close = location.indexOf(']');
    if (close < 0) return fail(`has '${location}', an IPv6 address without its closing ']'`);
    const host = location.slice(1, close);
    if (!isIPv6(host)) return fail(`has '[${host}]', which is not an IPv6 address`);
    const rest = location.slice(close + 1);
    if (rest === '') return { host };
    if (!rest.startsWith(':')) return fail(`has '${rest}' after the IPv6 address where ':port' was expected`);
    return { host, portText: rest.slice(1) };
  }
  const colons = location.split(':').length - 1;
  if (colons > 1) return fail(`has '${location}': an IPv6 address is written in brackets, as '[2001:db8::1]:3478'`);
  const [host = '', portText] = location.split(':');
  if (!host) return fail('has no address before the port');
  return portText === undefined ? { host } : { host, portText };
}
