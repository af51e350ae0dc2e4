/**
 * Validation of pipeline documents: every problem, each with its JSON Pointer and a message
 * a person can act on. Nothing is imported or run unless this list is empty.
 */
import { escapePointer, isPlainObject, suggest } from '../../engine/catalog/values.ts';
import { parseJson, positionFor, type PositionMap } from './parse.ts';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type DocumentProblem, type PipelineDocument } from './types.ts';
import { checkCalls } from './validate-calls.ts';
import { checkConnections } from './validate-connections.ts';
import { checkElements, shown } from './validate-elements.ts';
import { checkMediaLoops } from './validate-loops.ts';

const TOP_LEVEL_FIELDS = ['format', 'version', 'metadata', 'elements', 'connections'];

export function validateDocument(value: unknown, positions?: PositionMap): DocumentProblem[] {
  const problems = findProblems(value);
  return positions ? inTextOrder(problems.map((p) => placed(p, positions))) : problems;
}

/** Parses and validates document text; `document` is set only when there is no problem. */
export function readDocument(text: string): { document?: PipelineDocument; problems: DocumentProblem[] } {
  const parsed = parseJson(text);
  if (!parsed.ok) return { problems: parsed.problems };
  const problems = inTextOrder([...parsed.problems, ...validateDocument(parsed.value, parsed.positions)]);
  return problems.length === 0 ? { document: parsed.value as PipelineDocument, problems } : { problems };
}

/** One problem per line, as the CLI prints them: `path (line:col): message`. */
export function formatProblem(problem: DocumentProblem): string {
  const where = problem.line !== undefined ? ` (${problem.line}:${problem.column ?? 1})` : '';
  return `${problem.path === '' ? '(document)' : problem.path}${where}: ${problem.message}`;
}

/** As a reader goes through the file; the sort is stable, so ties keep the order they were found in. */
function inTextOrder(problems: DocumentProblem[]): DocumentProblem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function placed(problem: DocumentProblem, positions: PositionMap): DocumentProblem {
  if (problem.line !== undefined) return problem;
  const at = positionFor(positions, problem.path);
  return at ? { ...problem, line: at.line, column: at.column } : problem;
}

function findProblems(value: unknown): DocumentProblem[] {
  if (!isPlainObject(value)) return [{ path: '', message: `A pipeline document must be a JSON object {"format": "${DOCUMENT_FORMAT}", ...}, got ${shown(value)}` }];
  const problems: DocumentProblem[] = [];
  if (value.format === undefined) {
    problems.push({ path: '', message: `Not a pipeline document: it needs "format": "${DOCUMENT_FORMAT}"` });
  } else if (value.format !== DOCUMENT_FORMAT) {
    // Some other kind of JSON file: listing its every difference from a pipeline would be noise.
    return [{ path: '/format', message: `Not a pipeline document: format must be '${DOCUMENT_FORMAT}', got ${shown(value.format)}` }];
  }
  const version = value.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > DOCUMENT_VERSION) {
    return [...problems, { path: '/version', message: `This document was made by a newer version of Fluo (format version ${version}); this Fluo reads version ${DOCUMENT_VERSION}. Update Fluo to open it` }];
  }
  if (version === undefined) problems.push({ path: '', message: `Missing "version": ${DOCUMENT_VERSION}` });
  else if (version !== DOCUMENT_VERSION) problems.push({ path: '/version', message: `Unsupported version ${shown(version)}: this Fluo reads version ${DOCUMENT_VERSION}` });
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) problems.push({ path: `/${escapePointer(key)}`, message: `A pipeline document has no field '${key}'${suggest(key, TOP_LEVEL_FIELDS)}; free-form data belongs in 'metadata'` });
  }
  checkMetadata(value.metadata, problems);
  const elements = listField(value, 'elements', problems);
  const connections = listField(value, 'connections', problems);
  const { problems: elementProblems, byId, declared } = checkElements(elements ?? []);
  problems.push(...elementProblems, ...checkCalls(elements ?? [], byId));
  if (connections && elements) {
    const { problems: connectionProblems, resolved } = checkConnections(connections, byId, declared);
    problems.push(...connectionProblems, ...checkMediaLoops(byId.values(), resolved));
  }
  return problems;
}

function checkMetadata(metadata: unknown, problems: DocumentProblem[]): void {
  if (metadata === undefined) {
    problems.push({ path: '', message: `Missing "metadata": {"name": "..."}` });
    return;
  }
  if (!isPlainObject(metadata)) {
    problems.push({ path: '/metadata', message: `'metadata' must be an object with a 'name', got ${shown(metadata)}` });
    return;
  }
  if (metadata.name === undefined) problems.push({ path: '/metadata', message: "metadata needs a 'name' for the pipeline" });
  else if (typeof metadata.name !== 'string' || metadata.name.trim() === '') problems.push({ path: '/metadata/name', message: `metadata.name must be a non-empty string, got ${shown(metadata.name)}` });
  for (const key of ['description', 'createdAt', 'updatedAt']) {
    if (metadata[key] !== undefined && typeof metadata[key] !== 'string') problems.push({ path: `/metadata/${key}`, message: `metadata.${key} must be a string, got ${shown(metadata[key])}` });
  }
}

function listField(document: Record<string, unknown>, field: 'elements' | 'connections', problems: DocumentProblem[]): unknown[] | undefined {
  const list = document[field];
  if (list === undefined) problems.push({ path: '', message: `Missing "${field}": [...] (an empty list is fine)` });
  else if (!Array.isArray(list)) problems.push({ path: `/${field}`, message: `'${field}' must be an array, got ${shown(list)}` });
  else return list;
  return undefined;
}
