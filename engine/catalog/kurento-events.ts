/** Kurento's events, transcribed from the module descriptors (kurento-client-core/-elements/-filters 7.3.0). */
import { param, t } from './define.ts';
import type { EventSpec } from './types.ts';

export const KURENTO_EVENTS: EventSpec[] = [
  { name: 'RaiseBase', module: 'core', fields: [param('source', t.object('MediaObject'), ''), param('timestampMillis', t.string(), ''), param('tags', t.array(t.complex('Tag')), '')] },
  { name: 'Error', module: 'core', extends: 'RaiseBase', fields: [param('description', t.string(), ''), param('errorCode', t.int(), ''), param('type', t.string(), '')] },
  { name: 'MediaSessionTerminated', module: 'core', extends: 'Media', fields: [] },
  { name: 'MediaSessionStarted', module: 'core', extends: 'Media', fields: [] },
  { name: 'Media', module: 'core', extends: 'RaiseBase', fields: [param('type', t.string(), '')] },
  { name: 'ObjectCreated', module: 'core', extends: 'RaiseBase', fields: [param('object', t.object('MediaObject'), '')] },
  { name: 'ObjectDestroyed', module: 'core', extends: 'RaiseBase', fields: [param('objectId', t.string(), '')] },
  { name: 'MediaStateChanged', module: 'core', extends: 'Media', fields: [param('oldState', t.complex('MediaState'), ''), param('newState', t.complex('MediaState'), '')] },
  { name: 'ConnectionStateChanged', module: 'core', extends: 'Media', fields: [param('oldState', t.complex('ConnectionState'), ''), param('newState', t.complex('ConnectionState'), '')] },
  { name: 'MediaFlowOutStateChanged', module: 'core', extends: 'Media', fields: [param('state', t.complex('MediaFlowState'), ''), param('padName', t.string(), ''), param('mediaType', t.complex('MediaType'), '')] },
  { name: 'MediaFlowInStateChanged', module: 'core', extends: 'Media', fields: [param('state', t.complex('MediaFlowState'), ''), param('padName', t.string(), ''), param('mediaType', t.complex('MediaType'), '')] },
  { name: 'MediaTranscodingStateChanged', module: 'core', extends: 'Media', fields: [param('state', t.complex('MediaTranscodingState'), ''), param('binName', t.string(), ''), param('mediaType', t.complex('MediaType'), '')] },
  { name: 'ElementConnected', module: 'core', extends: 'Media', fields: [param('sink', t.object('MediaElement'), ''), param('mediaType', t.complex('MediaType'), ''), param('sourceMediaDescription', t.string(), ''), param('sinkMediaDescription', t.string(), '')] },
  { name: 'ElementDisconnected', module: 'core', extends: 'Media', fields: [param('sink', t.object('MediaElement'), ''), param('mediaType', t.complex('MediaType'), ''), param('sourceMediaDescription', t.string(), ''), param('sinkMediaDescription', t.string(), '')] },
  { name: 'UriEndpointStateChanged', module: 'core', extends: 'Media', fields: [param('state', t.complex('UriEndpointState'), '')] },
  { name: 'OnKeySoftLimit', module: 'elements', extends: 'Media', fields: [param('mediaType', t.complex('MediaType'), '')] },
  { name: 'Recording', module: 'elements', extends: 'Media', fields: [] },
  { name: 'Paused', module: 'elements', extends: 'Media', fields: [] },
  { name: 'Stopped', module: 'elements', extends: 'Media', fields: [] },
  { name: 'EndOfStream', module: 'elements', extends: 'Media', fields: [] },
  { name: 'IceCandidateFound', module: 'elements', extends: 'Media', fields: [param('candidate', t.complex('IceCandidate'), '')] },
  { name: 'IceGatheringDone', module: 'elements', extends: 'Media', fields: [] },
  { name: 'IceComponentStateChanged', module: 'elements', extends: 'Media', fields: [param('streamId', t.int(), ''), param('componentId', t.int(), ''), param('state', t.complex('IceComponentState'), '')] },
  { name: 'DtlsConnectionStateChange', module: 'elements', extends: 'Media', fields: [param('streamId', t.string(), ''), param('componentId', t.string(), ''), param('connectionId', t.string(), ''), param('state', t.complex('DtlsConnectionState'), '')] },
  { name: 'DataChannelOpened', module: 'elements', extends: 'Media', fields: [param('channelId', t.int(), '')] },
  { name: 'DataChannelClosed', module: 'elements', extends: 'Media', fields: [param('channelId', t.int(), '')] },
  { name: 'NewCandidatePairSelected', module: 'elements', extends: 'Media', fields: [param('candidatePair', t.complex('IceCandidatePair'), '')] },
  { name: 'CodeFound', module: 'filters', extends: 'Media', fields: [param('codeType', t.string(), ''), param('value', t.string(), '')] },
];
