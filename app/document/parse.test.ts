import { describe, expect, it } from 'vitest';
import { parseJson, positionFor } from './parse.ts';

function failure(text: string): { path: string; message: string; line?: number; column?: number } {
  const result = parseJson(text);
  if (result.ok) throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

describe('parseJson', () => {
  it('reads what JSON.parse reads', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\"\\/"], "b": {}, "c": []}';
    const result = parseJson(text);
    expect(result.ok && result.value).toEqual(JSON.parse(text));
  });

  it('explains a stray closing brace with its line and column', () => {
    const text = '{\n  "elements": [\n    {"id": "a",\n  }\n]}';
    expect(failure(text)).toEqual({
      path: '/elements/0',
      message: "Unexpected '}' at line 4, column 3: expected a key in double quotes (JSON allows no comma before '}')",
      line: 4,
      column: 3,
    });
  });

  it('explains a missing value', () => {
    expect(failure('{\n  "a": \n}')).toEqual({ path: '/a', message: "Unexpected '}' at line 3, column 1: expected a value", line: 3, column: 1 });
  });

  it('explains a trailing comma in an array', () => {
    expect(failure('[1,\n 2,\n]')).toMatchObject({ message: "Unexpected ']' at line 3, column 1: expected a value (JSON allows no comma before ']')", line: 3, column: 1 });
  });

  it('explains a missing comma, an unterminated string, single quotes, bad numbers and escapes', () => {
    expect(failure('{"a": 1 "b": 2}').message).toBe("Unexpected '\"' at line 1, column 9: expected ',' or '}'");
    expect(failure('{"a": "open\n}').message).toBe("Unexpected control character U+000A in a string at line 1, column 12: a string cannot span lines (write '\\n')");
    expect(failure('{"a": "open').message).toBe('Unterminated string starting at line 1, column 7');
    expect(failure("{'a': 1}").message).toBe("Unexpected single quote ' (JSON strings use double quotes) at line 1, column 2: expected a key in double quotes");
    expect(failure('{"a": 012}').message).toBe("Invalid number '012' at line 1, column 7");
    expect(failure('{"a": "\\x"}').message).toBe("Invalid escape '\\x' at line 1, column 8");
    expect(failure('{"a": tru}').message).toBe("Unexpected 't' at line 1, column 7: expected a value");
  });

  it('explains empty input and trailing content', () => {
    expect(failure('  \n')).toEqual({ path: '', message: 'Unexpected end of input at line 2, column 1: expected a value', line: 2, column: 1 });
    expect(failure('{} {}').message).toBe("Unexpected '{' at line 1, column 4: expected the end of the document (only one JSON value is allowed)");
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    expect(failure('['.repeat(100_000)).message).toMatch(/^Nesting deeper than 256 levels at line 1, column 258/);
  });

  it('maps every JSON Pointer to where its value (or member key) starts', () => {
    const text = '{\n  "elements": [\n    {"id": "a/b~c", "params": {"x~y": 1}}\n  ]\n}';
    const result = parseJson(text);
    if (!result.ok) throw new Error('parse failed');
    expect(result.positions.get('')).toEqual({ line: 1, column: 1 });
    expect(result.positions.get('/elements')).toEqual({ line: 2, column: 3 });
    expect(result.positions.get('/elements/0')).toEqual({ line: 3, column: 5 });
    expect(result.positions.get('/elements/0/params/x~0y')).toEqual({ line: 3, column: 32 });
    expect(positionFor(result.positions, '/elements/0/params/missing/deeper')).toEqual({ line: 3, column: 21 });
  });

  it('reports duplicate keys without failing the parse', () => {
    const result = parseJson('{\n  "a": 1,\n  "a": 2\n}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ a: 2 });
    expect(result.problems).toEqual([{ path: '/a', message: "Duplicate key 'a' (first at line 2, column 3); JSON readers keep only one of them", line: 3, column: 3 }]);
  });

  it('skips a byte-order mark and keeps __proto__ as plain data', () => {
    const result = parseJson('\ufeff{"__proto__": {"polluted": true}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });
});
