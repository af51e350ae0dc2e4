/**
 * A JSON reader that remembers where every value sits in the text, so that a problem found
 * later (by validation) can point at its line and column, and that explains malformed JSON
 * in plain words instead of JSON.parse's "Unexpected token".
 */
import { escapePointer } from '../../engine/catalog/values.ts';
import type { DocumentProblem } from './types.ts';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors show for BMP text). */
  column: number;
}

/** JSON Pointer → where that value (or, for an object member, its key) starts. */
export type PositionMap = Map<string, TextPosition>;

export type ParseResult =
  | { ok: true; value: unknown; positions: PositionMap; /** duplicate keys: valid JSON, but ambiguous */ problems: DocumentProblem[] }
  | { ok: false; problems: DocumentProblem[] };

/** Deeper nesting than any document needs; refusing it keeps the recursion off the stack limit. */
const MAX_DEPTH = 256;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly path: string,
  ) {
    super(message);
  }
}

export function parseJson(text: string): ParseResult {
  const reader = new Reader(text);
  try {
    const value = reader.document();
    return { ok: true, value, positions: reader.positions, problems: reader.duplicates };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = reader.positionOf(error.offset);
    return { ok: false, problems: [{ path: error.path, message: error.message, ...at }] };
  }
}

/** The position stored for `path` or, failing that, for its nearest ancestor. */
export function positionFor(positions: PositionMap, path: string): TextPosition | undefined {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = positions.get(p);
    if (found || p === '') return found;
  }
}

class Reader {
  readonly positions: PositionMap = new Map();
  readonly duplicates: DocumentProblem[] = [];
  private readonly lineStarts: number[] = [0];
  private i = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.i = 1; // a byte-order mark is not content
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) this.lineStarts.push(k + 1);
  }

  positionOf(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  document(): unknown {
    this.skipSpace();
    const value = this.value('', 0, 'a value');
    this.skipSpace();
    if (this.i < this.text.length) this.fail('the end of the document (only one JSON value is allowed)', '');
    return value;
  }

  private value(path: string, depth: number, expected: string): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`Nesting deeper than ${MAX_DEPTH} levels at ${this.where(this.i)}`, this.i, path);
    if (!this.positions.has(path)) this.positions.set(path, this.positionOf(this.i));
    const c = this.text[this.i];
    if (c === '{') return this.object(path, depth);
    if (c === '[') return this.array(path, depth);
    if (c === '"') return this.string(path);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number(path);
    for (const [word, literal] of LITERALS) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return literal;
      }
    }
    return this.fail(expected, path);
  }

  private object(path: string, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    this.i++; // {
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] !== '"') {
        this.fail(this.text[this.i] === '}' ? "a key in double quotes (JSON allows no comma before '}')" : 'a key in double quotes', path);
      }
      const keyOffset = this.i;
      const key = this.string(path);
      const memberPath = `${path}/${escapePointer(key)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        this.duplicates.push({
          path: memberPath,
          message: `Duplicate key '${key}' (first at ${this.where(first)}); JSON readers keep only one of them`,
          ...this.positionOf(keyOffset),
        });
      } else {
        seen.set(key, keyOffset);
        this.positions.set(memberPath, this.positionOf(keyOffset));
      }
      this.skipSpace();
      if (this.text[this.i] !== ':') this.fail(`':' after the key '${key}'`, memberPath);
      this.i++;
      this.skipSpace();
      // Own property even for "__proto__", so a hostile key cannot change the prototype.
      Object.defineProperty(result, key, { value: this.value(memberPath, depth + 1, 'a value'), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const c = this.text[this.i];
      this.i++;
      if (c === '}') return result;
      if (c !== ',') {
        this.i--;
        this.fail("',' or '}'", path);
      }
    }
  }

  private array(path: string, depth: number): unknown[] {
    const result: unknown[] = [];
    this.i++; // [
    this.skipSpace();
    if (this.text[this.i] === ']') {
      this.i++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const expected = this.text[this.i] === ']' ? "a value (JSON allows no comma before ']')" : 'a value';
      result.push(this.value(`${path}/${result.length}`, depth + 1, expected));
      this.skipSpace();
      const c = this.text[this.i];
      this.i++;
      if (c === ']') return result;
      if (c !== ',') {
        this.i--;
        this.fail("',' or ']'", path);
      }
    }
  }

  private string(path: string): string {
    const start = this.i;
    this.i++; // "
    let out = '';
    let chunk = this.i;
    for (;;) {
      const code = this.text.charCodeAt(this.i);
      if (Number.isNaN(code)) throw new JsonSyntaxError(`Unterminated string starting at ${this.where(start)}`, start, path);
      if (code === 0x22) break;
      if (code < 0x20) {
        throw new JsonSyntaxError(
          `Unexpected control character U+${code.toString(16).padStart(4, '0').toUpperCase()} in a string at ${this.where(this.i)}: ` +
            (code === 10 ? "a string cannot span lines (write '\\n')" : 'write it as an escape'),
          this.i,
          path,
        );
      }
      if (code === 0x5c) {
        out += this.text.slice(chunk, this.i) + this.escape(path);
        chunk = this.i;
        continue;
      }
      this.i++;
    }
    out += this.text.slice(chunk, this.i);
    this.i++; // closing "
    return out;
  }

  private escape(path: string): string {
    const at = this.i;
    const c = this.text[this.i + 1];
    this.i += 2;
    if (c !== undefined && c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c]!;
    if (c === 'u') {
      const hex = this.text.slice(this.i, this.i + 4);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.i += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
    }
    throw new JsonSyntaxError(`Invalid escape '\\${c === 'u' ? `u${this.text.slice(this.i, this.i + 4)}` : (c ?? '')}' at ${this.where(at)}`, at, path);
  }

  private number(path: string): number {
    const match = NUMBER.exec(this.text.slice(this.i, this.i + 400));
    const start = this.i;
    const literal = match?.[0] ?? '';
    const next = this.text[start + literal.length];
    if (!match || (next !== undefined && /[0-9.eE+\-a-zA-Z]/.test(next))) {
      const word = /^[-+.\w]+/.exec(this.text.slice(start))?.[0] ?? this.text[start]!;
      throw new JsonSyntaxError(`Invalid number '${word}' at ${this.where(start)}`, start, path);
    }
    this.i += literal.length;
    return Number(literal);
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else return;
    }
  }

  private where(offset: number): string {
    const { line, column } = this.positionOf(offset);
    return `line ${line}, column ${column}`;
  }

  private fail(expected: string, path: string): never {
    const c = this.text[this.i];
    const found = c === undefined ? 'Unexpected end of input' : `Unexpected ${describeChar(c)}`;
    throw new JsonSyntaxError(`${found} at ${this.where(this.i)}: expected ${expected}`, this.i, path);
  }
}

const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

function describeChar(c: string): string {
  if (c === '\n' || c === '\r') return 'line break';
  if (c.charCodeAt(0) < 0x20) return `control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  if (c === "'") return 'single quote \' (JSON strings use double quotes)';
  return `'${c}'`;
}
