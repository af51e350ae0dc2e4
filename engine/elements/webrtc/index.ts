/** Registers the WebRTC endpoint with the object model. */
import { registerObjectFactory } from '../../model/object-factories.ts';
import { WebRtcEndpoint } from './web-rtc-endpoint.ts';

registerObjectFactory('WebRtcEndpoint', ({ pipeline, params }) => new WebRtcEndpoint(pipeline, params));

export { WebRtcEndpoint };
