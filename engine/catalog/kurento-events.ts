/** Kurento's events, transcribed from the module descriptors (kurento-client-core/-elements/-filters 7.3.0). */
import { param, t } from './define.ts';
import type { EventSpec, ParamSpec } from './types.ts';

const connectionFields = (verb: string): ParamSpec[] => [
  param('sink', t.object('MediaElement'), `The sink element of the ${verb} connection.`),
  param('mediaType', t.complex('MediaType'), `Media type of the ${verb} connection.`),
  param('sourceMediaDescription', t.string(), `Name of the source pad of the ${verb} connection.`),
  param('sinkMediaDescription', t.string(), `Name of the sink pad of the ${verb} connection.`),
];

const flowFields = (direction: 'incoming' | 'outgoing'): ParamSpec[] => [
  param('state', t.complex('MediaFlowState'), `FLOWING while ${direction} media passes the pad, NOT_FLOWING otherwise.`),
  param('padName', t.string(), `Name of the ${direction === 'incoming' ? 'sink' : 'source'} pad whose state changed.`),
  param('mediaType', t.complex('MediaType'), 'Type of the media on that pad.'),
];

const channelId = param('channelId', t.int(), 'Identifier of the data channel.');

export const KURENTO_EVENTS: EventSpec[] = [
  {
    name: 'RaiseBase',
    module: 'core',
    description: 'Base of every event: who raised it, when, and the tags of the object.',
    fields: [
      param('source', t.object('MediaObject'), 'The object that raised the event.'),
      param('timestampMillis', t.string(), 'When the event was raised, in milliseconds since the Unix epoch, as a string.', { unit: 'ms' }),
      param('tags', t.array(t.complex('Tag')), "The raising object's tags, when it has sendTagsInEvents set."),
    ],
  },
  {
    name: 'Error',
    module: 'core',
    extends: 'RaiseBase',
    description: 'Raised when something goes wrong in an object after the call that caused it has returned; always worth listening to.',
    fields: [
      param('description', t.string(), 'What went wrong, in words.'),
      param('errorCode', t.int(), "The server's numeric error code."),
      param('type', t.string(), "The error's type name, e.g. MEDIA_OBJECT_NOT_FOUND."),
    ],
  },
  {
    name: 'MediaSessionTerminated',
    module: 'core',
    extends: 'Media',
    description: "Raised when a session endpoint has finished and its connection is torn down, e.g. an HTTP endpoint's URL has expired.",
    fields: [],
  },
  {
    name: 'MediaSessionStarted',
    module: 'core',
    extends: 'Media',
    description: 'Raised when a session endpoint has completed signalling (an SDP offer or answer processed, or an HTTP request received).',
    fields: [],
  },
  {
    name: 'Media',
    module: 'core',
    extends: 'RaiseBase',
    description: 'Base of every event raised by media objects.',
    fields: [param('type', t.string(), 'Name of the event type that was raised.')],
  },
  {
    name: 'ObjectCreated',
    module: 'core',
    extends: 'RaiseBase',
    description: 'Raised by the server manager when an object is created on the server.',
    fields: [param('object', t.object('MediaObject'), 'The object that was created.')],
  },
  {
    name: 'ObjectDestroyed',
    module: 'core',
    extends: 'RaiseBase',
    description: 'Raised by the server manager when an object is released on the server.',
    fields: [param('objectId', t.string(), 'Id of the object that was released.')],
  },
  {
    name: 'MediaStateChanged',
    module: 'core',
    extends: 'Media',
    description: 'Raised when RTCP starts flowing between the peers (CONNECTED) or has been missing for about 5 seconds (DISCONNECTED).',
    fields: [param('oldState', t.complex('MediaState'), 'The state before the change.'), param('newState', t.complex('MediaState'), 'The state after the change.')],
  },
  {
    name: 'ConnectionStateChanged',
    module: 'core',
    extends: 'Media',
    description: 'Raised when the connection with the remote peer is established or lost.',
    fields: [
      param('oldState', t.complex('ConnectionState'), 'The state before the change.'),
      param('newState', t.complex('ConnectionState'), 'The state after the change.'),
    ],
  },
  {
    name: 'MediaFlowOutStateChanged',
    module: 'core',
    extends: 'Media',
    description: 'Raised when media starts or stops leaving one of the source pads of an element.',
    fields: flowFields('outgoing'),
  },
  {
    name: 'MediaFlowInStateChanged',
    module: 'core',
    extends: 'Media',
    description: 'Raised when media starts or stops arriving at one of the sink pads of an element.',
    fields: flowFields('incoming'),
  },
  {
    name: 'MediaTranscodingStateChanged',
    module: 'core',
    extends: 'Media',
    description: 'Raised when incoming media starts and the element finds whether it has to transcode it.',
    fields: [
      param('state', t.complex('MediaTranscodingState'), 'TRANSCODING if the media is decoded and re-encoded, NOT_TRANSCODING otherwise.'),
      param('binName', t.string(), 'Name of the internal processing bin handling the media.'),
      param('mediaType', t.complex('MediaType'), 'AUDIO or VIDEO.'),
    ],
  },
  {
    name: 'ElementConnected',
    module: 'core',
    extends: 'Media',
    description: 'Raised by a source element when it is connected to a sink element.',
    fields: connectionFields('new'),
  },
  {
    name: 'ElementDisconnected',
    module: 'core',
    extends: 'Media',
    description: 'Raised by a source element when it is disconnected from a sink element.',
    fields: connectionFields('removed'),
  },
  {
    name: 'UriEndpointStateChanged',
    module: 'core',
    extends: 'Media',
    description: 'Raised when a URI endpoint is started, paused or stopped.',
    fields: [param('state', t.complex('UriEndpointState'), 'The new state.')],
  },
  {
    name: 'OnKeySoftLimit',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when an SRTP stream nears the usage limit of its key, which will expire soon.',
    fields: [param('mediaType', t.complex('MediaType'), 'The media stream whose key is running out.')],
  },
  {
    name: 'Recording',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when a recorder actually starts writing: record() has been called and media is arriving.',
    fields: [],
  },
  { name: 'Paused', module: 'elements', extends: 'Media', description: 'Raised when a recorder is paused.', fields: [] },
  {
    name: 'Stopped',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when a recorder has stopped and all its media has been written to storage.',
    fields: [],
  },
  {
    name: 'EndOfStream',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when the stream an element sends out has ended, e.g. a player reached the end of its file.',
    fields: [],
  },
  {
    name: 'IceCandidateFound',
    module: 'elements',
    extends: 'Media',
    description: 'Raised for each new local ICE candidate, which the application must send to the remote peer.',
    fields: [param('candidate', t.complex('IceCandidate'), 'The new local candidate.')],
  },
  {
    name: 'IceGatheringDone',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when all local ICE candidates have been gathered.',
    fields: [],
  },
  {
    name: 'IceComponentStateChanged',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when the ICE state of a stream component changes.',
    fields: [
      param('streamId', t.int(), 'Identifier of the stream.'),
      param('componentId', t.int(), 'Identifier of the component within the stream.'),
      param('state', t.complex('IceComponentState'), 'The new ICE state.'),
    ],
  },
  {
    name: 'DtlsConnectionStateChange',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when the DTLS state of a stream component changes.',
    fields: [
      param('streamId', t.string(), 'Identifier of the stream.'),
      param('componentId', t.string(), 'Identifier of the component within the stream.'),
      param('connectionId', t.string(), 'Identifier of the DTLS connection.'),
      param('state', t.complex('DtlsConnectionState'), 'The new DTLS state.'),
    ],
  },
  {
    name: 'DataChannelOpened',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when a data channel with the peer opens.',
    fields: [channelId],
  },
  {
    name: 'DataChannelClosed',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when a data channel with the peer closes.',
    fields: [channelId],
  },
  {
    name: 'NewCandidatePairSelected',
    module: 'elements',
    extends: 'Media',
    description: 'Raised when ICE selects a new pair of local and remote candidates for a stream, usually once, rarely mid-session.',
    fields: [param('candidatePair', t.complex('IceCandidatePair'), 'The candidate pair now in use.')],
  },
  {
    name: 'CodeFound',
    module: 'filters',
    extends: 'Media',
    description: 'Raised by a ZBarFilter when it reads a code in the video.',
    fields: [param('codeType', t.string(), "Symbology of the code, e.g. 'QR-Code' or 'EAN-13'."), param('value', t.string(), 'The text the code contains.')],
  },
];
