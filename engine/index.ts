/** The engine's public surface: what app/ and the protocol server import. */
export * from './catalog/catalog.ts';
export type * from './catalog/types.ts';
export { MEDIA_TYPES } from './catalog/types.ts';
export { checkValue, checkFields, describeType, type ValueProblem } from './catalog/values.ts';
export { MediaError, KurentoErrorCode } from './errors.ts';
export { MediaObject, type MediaEvent, type EventListener } from './model/media-object.ts';
export { MediaElement, type Connection, type ElementConnectionData } from './model/media-element.ts';
export { MediaPipeline } from './model/media-pipeline.ts';
export { Hub } from './model/hub.ts';
export { HubPort } from './model/hub-port.ts';
export { registerObjectFactory, type FactoryContext, type ObjectFactory } from './model/object-factories.ts';
import './elements/index.ts';
