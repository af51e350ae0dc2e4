/** The pipeline document API: what the Studio service, the RPC layer and the CLI import. */
export * from './types.ts';
export { parseJson, positionFor, type PositionMap, type TextPosition } from './parse.ts';
export { formatProblem, readDocument, validateDocument } from './validate.ts';
export { serializeDocument } from './serialize.ts';
export { exportPipeline, instantiateDocument, InvalidDocumentError } from './instantiate.ts';
export { pipelineSchema, SCHEMA_FILE, SCHEMA_ID } from './schema.ts';
