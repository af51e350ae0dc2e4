/** Kurento's core module classes (kurento-client-core 7.3.0), with Fluo's pads and editor hints. */
import { AV, AVD, method, opt, pad, param, prop, t } from './define.ts';
import type { ClassSpec } from './types.ts';

export const CORE_CLASSES: ClassSpec[] = [
  {
    name: 'MediaObject',
    module: 'core',
    abstract: true,
    description: "Base interface used to manage capabilities common to all Kurento elements.",
    properties: [
      prop('mediaPipeline', t.object('MediaPipeline'), 'final', ''),
      prop('parent', t.object('MediaObject'), 'final', ''),
      prop('id', t.string(), 'final', ''),
      prop('children', t.array(t.object('MediaObject')), 'ro', ''),
      prop('name', t.string(), 'rw', ''),
      prop('sendTagsInEvents', t.boolean(), 'rw', ''),
      prop('creationTime', t.int(), 'final', '')
    ],
    methods: [
      method('addTag', [param('key', t.string(), ''), param('value', t.string(), '')], ''),
      method('removeTag', [param('key', t.string(), '')], ''),
      method('getTag', [param('key', t.string(), '')], '', { returns: t.string() }),
      method('getTags', [], '', { returns: t.array(t.complex('Tag')) })
    ],
    events: ["Error"],
  },
  {
    name: 'Hub',
    module: 'core',
    extends: 'MediaObject',
    abstract: true,
    description: "A Hub is a routing MediaObject.",
    methods: [
      method('getGstreamerDot', [opt('details', t.complex('GstreamerDotDetails'), undefined, '')], '', { returns: t.string() }),
      method('dumpGstreamerDot', [opt('details', t.complex('GstreamerDotDetails'), undefined, '')], '')
    ],
  },
  {
    name: 'MediaElement',
    module: 'core',
    extends: 'MediaObject',
    abstract: true,
    description: "The basic building block of the media server, that can be interconnected inside a pipeline.",
    properties: [
      prop('encoderBitrate', t.int(), 'rw', ''),
      prop('minEncoderBitrate', t.int(), 'rw', ''),
      prop('maxEncoderBitrate', t.int(), 'rw', '')
    ],
    methods: [
      method('getSourceConnections', [opt('mediaType', t.complex('MediaType'), undefined, ''), opt('description', t.string(), undefined, '')], '', { returns: t.array(t.complex('ElementConnectionData')) }),
      method('getSinkConnections', [opt('mediaType', t.complex('MediaType'), undefined, ''), opt('description', t.string(), undefined, '')], '', { returns: t.array(t.complex('ElementConnectionData')) }),
      method('connect', [param('sink', t.object('MediaElement'), ''), opt('mediaType', t.complex('MediaType'), undefined, ''), opt('sourceMediaDescription', t.string(), undefined, ''), opt('sinkMediaDescription', t.string(), undefined, '')], ''),
      method('disconnect', [param('sink', t.object('MediaElement'), ''), opt('mediaType', t.complex('MediaType'), undefined, ''), opt('sourceMediaDescription', t.string(), undefined, ''), opt('sinkMediaDescription', t.string(), undefined, '')], ''),
      method('setAudioFormat', [param('caps', t.complex('AudioCaps'), '')], ''),
      method('setVideoFormat', [param('caps', t.complex('VideoCaps'), '')], ''),
      method('dumpGstreamerDot', [opt('details', t.complex('GstreamerDotDetails'), undefined, '')], ''),
      method('getGstreamerDot', [opt('details', t.complex('GstreamerDotDetails'), undefined, '')], '', { returns: t.string() }),
      method('getStats', [opt('mediaType', t.complex('MediaType'), undefined, '')], '', { returns: t.map(t.complex('Stats')) }),
      method('isMediaFlowingIn', [param('mediaType', t.complex('MediaType'), ''), opt('sinkMediaDescription', t.string(), "default", '')], '', { returns: t.boolean() }),
      method('isMediaFlowingOut', [param('mediaType', t.complex('MediaType'), ''), opt('sourceMediaDescription', t.string(), "default", '')], '', { returns: t.boolean() }),
      method('isMediaTranscoding', [param('mediaType', t.complex('MediaType'), ''), opt('binName', t.string(), "default", '')], '', { returns: t.boolean() })
    ],
    events: ["ElementConnected", "ElementDisconnected", "MediaFlowOutStateChanged", "MediaFlowInStateChanged", "MediaTranscodingStateChanged"],
    pads: { sources: [pad(AVD)], sinks: [pad(AVD)] },
  },
  {
    name: 'Endpoint',
    module: 'core',
    extends: 'MediaElement',
    abstract: true,
    description: "Base interface for all end points.",
  },
  {
    name: 'SessionEndpoint',
    module: 'core',
    extends: 'Endpoint',
    abstract: true,
    description: "All networked Endpoints that require to manage connection sessions with remote peers implement this interface.",
    events: ["MediaSessionTerminated", "MediaSessionStarted"],
  },
  {
    name: 'SdpEndpoint',
    module: 'core',
    extends: 'SessionEndpoint',
    abstract: true,
    description: "Interface implemented by Endpoints that require an SDP Offer/Answer negotiation in order to configure a media session.",
    properties: [
      prop('maxAudioRecvBandwidth', t.int(), 'rw', ''),
      prop('maxVideoRecvBandwidth', t.int(), 'rw', '')
    ],
    methods: [
      method('generateOffer', [opt('options', t.complex('OfferOptions'), undefined, '')], '', { returns: t.string() }),
      method('processOffer', [param('offer', t.string(), '')], '', { returns: t.string() }),
      method('processAnswer', [param('answer', t.string(), '')], '', { returns: t.string() }),
      method('getLocalSessionDescriptor', [], '', { returns: t.string() }),
      method('getRemoteSessionDescriptor', [], '', { returns: t.string() })
    ],
  },
  {
    name: 'BaseRtpEndpoint',
    module: 'core',
    extends: 'SdpEndpoint',
    abstract: true,
    description: "Base class for the implementation of RTP-based communication endpoints.",
    properties: [
      prop('minVideoRecvBandwidth', t.int(), 'rw', ''),
      prop('minVideoSendBandwidth', t.int(), 'rw', ''),
      prop('maxVideoSendBandwidth', t.int(), 'rw', ''),
      prop('mediaState', t.complex('MediaState'), 'ro', ''),
      prop('connectionState', t.complex('ConnectionState'), 'ro', ''),
      prop('mtu', t.int(), 'rw', ''),
      prop('rembParams', t.complex('RembParams'), 'rw', '')
    ],
    methods: [
      method('requestKeyframe', [], '')
    ],
    events: ["MediaStateChanged", "ConnectionStateChanged"],
  },
  {
    name: 'UriEndpoint',
    module: 'core',
    extends: 'Endpoint',
    abstract: true,
    description: "Interface for endpoints the require a URI to work.",
    properties: [
      prop('uri', t.string(), 'final', ''),
      prop('state', t.complex('UriEndpointState'), 'ro', '')
    ],
    methods: [
      method('pause', [], ''),
      method('stop', [], '')
    ],
    events: ["UriEndpointStateChanged"],
  },
  {
    name: 'Filter',
    module: 'core',
    extends: 'MediaElement',
    abstract: true,
    description: "Base interface for all filters.",
    pads: { sources: [pad(AV)], sinks: [pad(AV)] },
  },
  {
    name: 'HubPort',
    module: 'core',
    extends: 'MediaElement',
    description: "This MediaElement specifies a connection with a Hub",
    constructorParams: [
      param('hub', t.object('Hub'), '')
    ],
    pads: { sources: [pad(AV)], sinks: [pad(AV)] },
  },
  {
    name: 'PassThrough',
    module: 'core',
    extends: 'MediaElement',
    description: "This MediaElement that just passes media through",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
  },
  {
    name: 'MediaPipeline',
    module: 'core',
    extends: 'MediaObject',
    description: "A pipeline is a container for a collection of MediaElements .",
    constructorParams: [
      
    ],
    properties: [
      prop('latencyStats', t.boolean(), 'rw', '')
    ],
    methods: [
      method('getGstreamerDot', [opt('details', t.complex('GstreamerDotDetails'), undefined, '')], '', { returns: t.string() }),
      method('dumpGstreamerDot', [opt('details', t.complex('GstreamerDotDetails'), undefined, '')], '')
    ],
  },
  {
    name: 'ServerManager',
    module: 'core',
    extends: 'MediaObject',
    abstract: true,
    description: "This is a standalone object for managing the MediaServer",
    properties: [
      prop('info', t.complex('ServerInfo'), 'ro', ''),
      prop('pipelines', t.array(t.object('MediaPipeline')), 'ro', ''),
      prop('sessions', t.array(t.string()), 'ro', ''),
      prop('metadata', t.string(), 'ro', '')
    ],
    methods: [
      method('getKmd', [param('moduleName', t.string(), '')], '', { returns: t.string() }),
      method('getCpuCount', [], '', { returns: t.int() }),
      method('getUsedCpu', [param('interval', t.int(), '')], '', { returns: t.float() }),
      method('getUsedMemory', [], '', { returns: t.int64() })
    ],
    events: ["ObjectCreated", "ObjectDestroyed"],
  },
];
