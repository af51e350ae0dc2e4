/** Registers the plain RTP endpoint with the object model. */
import { registerObjectFactory } from '../../model/object-factories.ts';
import { RtpEndpoint } from './rtp-endpoint.ts';

registerObjectFactory('RtpEndpoint', ({ pipeline, params }) => new RtpEndpoint(pipeline, params));

export { RtpEndpoint };
