/** Registers the hubs and their media-carrying HubPort with the object model. */
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { registerObjectFactory } from '../../model/object-factories.ts';
import { HubPort } from '../../model/hub-port.ts';
import { Composite, type CompositeParams } from './composite.ts';
import { MediaHub, MediaHubPort } from './media-hub.ts';

registerObjectFactory('HubPort', ({ hub, params }) => (hub instanceof MediaHub ? new MediaHubPort(hub, params) : new HubPort(hub!, params)));
registerObjectFactory('Composite', ({ pipeline, params }) => new Composite(pipeline as MediaPipeline, params as CompositeParams));
