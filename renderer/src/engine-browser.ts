/**
 * What the browser bundle gets for `engine/index.ts`: the catalog and the value checker only.
 * app/document's validator imports the engine's public surface, which also carries the media
 * runtime (node-av, sockets); vite.config.ts aliases engine/index.ts here so the editor runs
 * the very same validation code without pulling Node-only modules into the page.
 */
export * from '../../engine/catalog/catalog.ts';
export type * from '../../engine/catalog/types.ts';
export { MEDIA_TYPES } from '../../engine/catalog/types.ts';
export { checkValue, checkFields, describeType, type ValueProblem } from '../../engine/catalog/values.ts';
export { MediaError, KurentoErrorCode } from '../../engine/errors.ts';
