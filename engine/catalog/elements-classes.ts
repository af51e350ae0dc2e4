/** Kurento's elements module classes (kurento-client-elements 7.3.0), with Fluo's pads and editor hints. */
import { AV, AVD, method, opt, pad, param, prop, t } from './define.ts';
import type { ClassSpec } from './types.ts';

export const ELEMENTS_CLASSES: ClassSpec[] = [
  {
    name: 'AlphaBlending',
    module: 'elements',
    extends: 'Hub',
    description: "A Hub that mixes the MediaType.AUDIO stream of its connected sources and constructs one output with MediaType.VIDEO streams of its connected sources into its...",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    methods: [
      method('setMaster', [param('source', t.object('HubPort'), ''), param('zOrder', t.int(), '')], ''),
      method('setPortProperties', [param('relativeX', t.float(), ''), param('relativeY', t.float(), ''), param('zOrder', t.int(), ''), param('relativeWidth', t.float(), ''), param('relativeHeight', t.float(), ''), param('port', t.object('HubPort'), '')], '')
    ],
  },
  {
    name: 'Composite',
    module: 'elements',
    extends: 'Hub',
    description: "A Hub that mixes the MediaType.AUDIO stream of its connected sources and constructs a grid with the MediaType.VIDEO streams of its connected sources into its...",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      opt('width', t.int(), 800, ''),
      opt('height', t.int(), 600, ''),
      opt('framerate', t.int(), 15, '')
    ],
  },
  {
    name: 'Dispatcher',
    module: 'elements',
    extends: 'Hub',
    description: "A Hub that allows routing between arbitrary port pairs",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    methods: [
      method('connect', [param('source', t.object('HubPort'), ''), param('sink', t.object('HubPort'), '')], '')
    ],
  },
  {
    name: 'DispatcherOneToMany',
    module: 'elements',
    extends: 'Hub',
    description: "A Hub that sends a given source to all the connected sinks",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    methods: [
      method('setSource', [param('source', t.object('HubPort'), '')], ''),
      method('removeSource', [], '')
    ],
  },
  {
    name: 'Mixer',
    module: 'elements',
    extends: 'Hub',
    description: "A Hub that allows routing of video between arbitrary port pairs and mixing of audio among several ports",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    methods: [
      method('connect', [param('media', t.complex('MediaType'), ''), param('source', t.object('HubPort'), ''), param('sink', t.object('HubPort'), '')], ''),
      method('disconnect', [param('media', t.complex('MediaType'), ''), param('source', t.object('HubPort'), ''), param('sink', t.object('HubPort'), '')], '')
    ],
  },
  {
    name: 'HttpEndpoint',
    module: 'elements',
    extends: 'SessionEndpoint',
    abstract: true,
    description: "Endpoint that enables Kurento to work as an HTTP server, allowing peer HTTP clients to access media.",
    methods: [
      method('getUrl', [], '', { returns: t.string() })
    ],
  },
  {
    name: 'HttpPostEndpoint',
    module: 'elements',
    extends: 'HttpEndpoint',
    description: "An HttpPostEndpoint contains SINK pads for AUDIO and VIDEO, which provide access to an HTTP file upload function This type of endpoint provide unidirectional...",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      opt('disconnectionTimeout', t.int(), 2, ''),
      opt('useEncodedMedia', t.boolean(), false, '')
    ],
    events: ["EndOfStream"],
    pads: { sources: [pad(AV)], sinks: [] },
  },
  {
    name: 'RtpEndpoint',
    module: 'elements',
    extends: 'BaseRtpEndpoint',
    description: "Endpoint that provides bidirectional content delivery capabilities through the RTP or SRTP protocols.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      opt('crypto', t.complex('SDES'), {}, ''),
      opt('useIpv6', t.boolean(), false, '')
    ],
    events: ["OnKeySoftLimit"],
    pads: { sources: [pad(AV)], sinks: [pad(AV)] },
  },
  {
    name: 'WebRtcEndpoint',
    module: 'elements',
    extends: 'BaseRtpEndpoint',
    description: "Endpoint that provides bidirectional WebRTC capabilities for Kurento.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      opt('recvonly', t.boolean(), false, ''),
      opt('sendonly', t.boolean(), false, ''),
      opt('useDataChannels', t.boolean(), false, ''),
      opt('certificateKeyType', t.complex('CertificateKeyType'), "RSA", ''),
      opt('qosDscp', t.complex('DSCPValue'), "NO_VALUE", '')
    ],
    properties: [
      prop('networkInterfaces', t.string(), 'rw', ''),
      prop('iceTcp', t.boolean(), 'rw', ''),
      prop('stunServerAddress', t.string(), 'rw', ''),
      prop('stunServerPort', t.int(), 'rw', ''),
      prop('turnUrl', t.string(), 'rw', ''),
      prop('externalIPv4', t.string(), 'rw', ''),
      prop('externalIPv6', t.string(), 'rw', ''),
      prop('ICECandidatePairs', t.array(t.complex('IceCandidatePair')), 'ro', ''),
      prop('IceConnectionState', t.array(t.complex('IceConnection')), 'ro', ''),
      prop('DtlsConnectionState', t.array(t.complex('DtlsConnection')), 'ro', '')
    ],
    methods: [
      method('gatherCandidates', [], ''),
      method('addIceCandidate', [param('candidate', t.complex('IceCandidate'), '')], ''),
      method('createDataChannel', [opt('label', t.string(), "", ''), opt('ordered', t.boolean(), true, ''), opt('maxPacketLifeTime', t.int(), -1, ''), opt('maxRetransmits', t.int(), -1, ''), opt('protocol', t.string(), "", '')], ''),
      method('closeDataChannel', [param('channelId', t.int(), '')], '')
    ],
    events: ["IceCandidateFound", "IceGatheringDone", "IceComponentStateChanged", "DtlsConnectionStateChange", "DataChannelOpened", "DataChannelClosed", "NewCandidatePairSelected"],
  },
  {
    name: 'PlayerEndpoint',
    module: 'elements',
    extends: 'UriEndpoint',
    description: "Retrieves content from external sources.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      param('uri', t.string(), ''),
      opt('useEncodedMedia', t.boolean(), false, ''),
      opt('networkCache', t.int(), 2000, '')
    ],
    properties: [
      prop('videoInfo', t.complex('VideoInfo'), 'ro', ''),
      prop('elementGstreamerDot', t.string(), 'ro', ''),
      prop('position', t.int64(), 'rw', '')
    ],
    methods: [
      method('play', [], '')
    ],
    events: ["EndOfStream"],
    pads: { sources: [pad(AV)], sinks: [] },
  },
  {
    name: 'RecorderEndpoint',
    module: 'elements',
    extends: 'UriEndpoint',
    description: "Provides functionality to store media contents.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      param('uri', t.string(), ''),
      opt('mediaProfile', t.complex('MediaProfileSpecType'), "WEBM", ''),
      opt('stopOnEndOfStream', t.boolean(), false, '')
    ],
    methods: [
      method('record', [], ''),
      method('stopAndWait', [], '')
    ],
    events: ["Recording", "Paused", "Stopped"],
    pads: { sources: [], sinks: [pad(AV)] },
  },
];
