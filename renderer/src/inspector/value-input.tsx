/**
 * One form input for a catalog-typed value, chosen by its type (numbers with ranges, booleans,
 * enums, colours, URIs, devices, JSON for structs), checked as you type by the catalog's own
 * value checker. Only valid values reach the document; empty means "use the default".
 */
import { useEffect, useId, useState } from 'react';
import type { ComplexTypeSpec, ValueType } from '../../../engine/catalog/types.ts';
import { checkValue } from '../../../engine/catalog/values.ts';

export interface ValueInputProps {
  name: string;
  type: ValueType;
  value: unknown;
  defaultValue?: unknown;
  unit?: string;
  description?: string;
  required?: boolean;
  disabled?: boolean;
  complexTypes: Map<string, ComplexTypeSpec>;
  cameras?: { id: string; name: string }[];
  onChange(value: unknown): void;
}

function textOf(type: ValueType, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (type.kind === 'string' || (type.kind === 'complex' && typeof value === 'string')) return String(value);
  if (type.kind === 'array' || type.kind === 'map' || type.kind === 'complex') return JSON.stringify(value);
  return String(value);
}

/** Text → value for the type, or an error message. */
function parse(type: ValueType, text: string): { value: unknown } | { error: string } {
  switch (type.kind) {
    case 'int':
    case 'int64':
    case 'float':
    case 'double': {
      const n = Number(text);
      return text.trim() === '' || Number.isNaN(n) ? { error: 'must be a number' } : { value: n };
    }
    case 'boolean':
      return { value: text === 'true' };
    case 'string':
    case 'object':
      return { value: text };
    default:
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: 'must be JSON' };
      }
  }
}

export function ValueInput(props: ValueInputProps) {
  const { name, type, value, defaultValue, unit, description, required, disabled, complexTypes, cameras, onChange } = props;
  const id = useId();
  const [text, setText] = useState(() => textOf(type, value));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    // Keep what the person is typing ('1.' while writing '1.5') when it already means this value.
    setText((current) => {
      const parsed = current === '' ? { value: undefined } : parse(type, current);
      return 'value' in parsed && JSON.stringify(parsed.value) === JSON.stringify(value ?? undefined) ? current : textOf(type, value);
    });
  }, [type, value]);

  const commit = (next: string) => {
    setText(next);
    if (next === '') {
      setError(required ? 'is required' : undefined);
      if (!required) onChange(undefined);
      return;
    }
    const parsed = parse(type, next);
    if ('error' in parsed) return setError(parsed.error);
    const problems = checkValue(type, parsed.value);
    if (problems.length > 0) return setError(problems.map((p) => `${p.path ? `${p.path} ` : ''}${p.message}`).join('; '));
    setError(undefined);
    onChange(parsed.value);
  };

  const placeholder = defaultValue !== undefined ? `default: ${textOf(type, defaultValue)}` : required ? 'required' : '';
  const enumSpec = type.kind === 'complex' ? complexTypes.get(type.name) : undefined;
  let control;
  if (type.kind === 'boolean') {
    const checked = value === undefined ? defaultValue === true : value === true;
    control = <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
  } else if (enumSpec?.kind === 'enum') {
    control = (
      <select id={id} value={text} disabled={disabled} onChange={(e) => commit(e.target.value)}>
        <option value="">{defaultValue !== undefined ? `default (${String(defaultValue)})` : '—'}</option>
        {enumSpec.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  } else if (type.kind === 'string' && type.format === 'device' && cameras) {
    control = (
      <select id={id} value={text} disabled={disabled} onChange={(e) => commit(e.target.value)}>
        <option value="">first camera</option>
        {cameras.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    );
  } else if (type.kind === 'string' && type.format === 'color') {
    control = (
      <span className="color-input">
        <input type="color" aria-label={`${name} colour`} value={/^#[0-9a-f]{6}$/i.test(text) ? text : String(defaultValue ?? '#000000')} disabled={disabled} onChange={(e) => commit(e.target.value)} />
        <input id={id} type="text" value={text} placeholder={placeholder} disabled={disabled} onChange={(e) => commit(e.target.value)} />
      </span>
    );
  } else if (type.kind === 'int' || type.kind === 'int64' || type.kind === 'float' || type.kind === 'double') {
    control = (
      <input
        id={id}
        type="number"
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        min={type.min}
        max={type.max}
        step={type.kind === 'int' || type.kind === 'int64' ? 1 : 'any'}
        onChange={(e) => commit(e.target.value)}
      />
    );
  } else if (type.kind === 'string') {
    const uri = type.format === 'uri' || type.format === 'file-uri';
    control = <input id={id} type={uri ? 'url' : 'text'} value={text} placeholder={uri && !placeholder ? 'file:///path/to/media.webm or https://…' : placeholder} disabled={disabled} spellCheck={false} onChange={(e) => commit(e.target.value)} />;
  } else {
    control = <textarea id={id} value={text} placeholder={placeholder || 'JSON'} disabled={disabled} rows={2} spellCheck={false} onChange={(e) => commit(e.target.value)} />;
  }
  return (
    <div className={`field${error ? ' has-error' : ''}`} data-field={name}>
      <label htmlFor={id} title={description}>
        {name}
        {unit && <span className="unit"> ({unit})</span>}
        {required && <span className="required" title="required"> *</span>}
      </label>
      {control}
      {error && (
        <span className="field-error" role="alert">
          {name} {error}
        </span>
      )}
      {description && !error && <span className="field-help">{description}</span>}
    </div>
  );
}
