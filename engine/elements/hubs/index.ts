/** Registers the hubs and their media-carrying HubPort with the object model. */
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { registerObjectFactory } from '../../model/object-factories.ts';
import { HubPort } from '../../model/hub-port.ts';
import { AlphaBlending } from './alpha-blending.ts';
import { Composite, type CompositeParams } from './composite.ts';
import { Dispatcher } from './dispatcher.ts';
import { DispatcherOneToMany } from './dispatcher-one-to-many.ts';
import { MediaHub, MediaHubPort } from './media-hub.ts';
import { Mixer } from './mixer.ts';

registerObjectFactory('HubPort', ({ hub, params }) => (hub instanceof MediaHub ? new MediaHubPort(hub, params) : new HubPort(hub!, params)));
registerObjectFactory('Composite', ({ pipeline, params }) => new Composite(pipeline as MediaPipeline, params as CompositeParams));
registerObjectFactory('AlphaBlending', ({ pipeline, params }) => new AlphaBlending(pipeline as MediaPipeline, params));
registerObjectFactory('Dispatcher', ({ pipeline, params }) => new Dispatcher(pipeline as MediaPipeline, params));
registerObjectFactory('DispatcherOneToMany', ({ pipeline, params }) => new DispatcherOneToMany(pipeline as MediaPipeline, params));
registerObjectFactory('Mixer', ({ pipeline, params }) => new Mixer(pipeline as MediaPipeline, params));
