/**
 * What a string format accepts: the one check behind checkValue (documents, the engine, the
 * protocol) and the pattern the JSON Schema gives editors. Formats the engine parses use the
 * engine's own parser, so a document is refused for exactly what the element would refuse.
 */
import { isIP } from 'node:net';
import { parseTurnUrl, TurnUrlError } from '../webrtc/turn-url.ts';
import type { StringFormat, ValueType } from './types.ts';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Patterns for the JSON Schema. They accept at least what formatProblem accepts (the schema must
 * never refuse a valid document); formatProblem stays the precise check.
 */
const PATTERNS: Partial<Record<StringFormat, string>> = {
  color: COLOR.source,
  // Empty (none), a dotted IPv4 address, or something shaped like an IPv6 address (zone allowed).
  'ip-address': String.raw`^\s*(?:|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z.:_-]+)?)\s*$`,
  // Empty (none), or 'user:password@address[:port][?transport=udp|tcp|tls]' without a URI scheme.
  'turn-url': String.raw`^\s*(?:(?!(?:[Tt][Uu][Rr][Nn]|[Ss][Tt][Uu][Nn])[Ss]?:)[^:]+:.+@[^@?\s]+(?:\?transport=(?:[Uu][Dd][Pp]|[Tt][Cc][Pp]|[Tt][Ll][Ss]))?)?\s*$`,
};

export function formatPattern(format: StringFormat | undefined): string | undefined {
  return format && PATTERNS[format];
}

/**
 * Why `value` is not a string of `format`, completing "'<name>' …"; undefined when it is fine.
 * A blank IP address or turnUrl means none, as in Kurento.
 */
export function formatProblem(format: StringFormat | undefined, value: string): string | undefined {
  switch (format) {
    case 'color':
      return COLOR.test(value) ? undefined : `must be a colour like '#ff8800', got '${value}'`;
    case 'ip-address':
      return value.trim() === '' || isIP(value.trim()) ? undefined : `must be an IP address (not a host name), got '${value}'`;
    case 'turn-url':
      return value.trim() === '' ? undefined : turnUrlProblem(value);
    default:
      return undefined;
  }
}

/**
 * Whether `value` is a string of the right type that its format refuses (a host name for an IP
 * address, a malformed turnUrl): Kurento calls that an illegal parameter, not a marshalling error.
 */
export function isMalformedString(type: ValueType, value: unknown): boolean {
  return type.kind === 'string' && typeof value === 'string' && formatProblem(type.format, value) !== undefined;
}

function turnUrlProblem(value: string): string | undefined {
  try {
    parseTurnUrl(value);
    return undefined;
  } catch (error) {
    if (!(error instanceof TurnUrlError)) throw error;
    return `is '${value}', which ${error.problem}`;
  }
}
