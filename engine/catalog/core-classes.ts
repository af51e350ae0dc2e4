/** Kurento's core module classes (kurento-client-core 7.3.0), with Fluo's pads and editor hints. */
import { AV, AVD, method, opt, pad, param, prop, t } from './define.ts';
import type { ClassSpec } from './types.ts';

/** Shared by MediaPipeline, Hub and MediaElement, which each declare it in Kurento. */
const dotDetails = opt('details', t.complex('GstreamerDotDetails'), undefined, 'How much detail the graph shows; SHOW_ALL when omitted.');
const mediaTypeFilter = opt('mediaType', t.complex('MediaType'), undefined, 'Only connections of this media type; all types when omitted.');
const padDescriptionFilter = opt('description', t.string(), undefined, 'Only connections through the pad with this media description.');
const sourcePad = opt('sourceMediaDescription', t.string(), undefined, "Name of this element's source pad to use; the default pad when omitted.");
const sinkPad = opt('sinkMediaDescription', t.string(), undefined, "Name of the sink element's pad to use; the default pad when omitted.");
const flowMediaType = param('mediaType', t.complex('MediaType'), 'AUDIO or VIDEO; DATA is rejected.');

export const CORE_CLASSES: ClassSpec[] = [
  {
    name: 'MediaObject',
    module: 'core',
    abstract: true,
    description: 'Base of every object the media server manages: it has an id, a name, tags, a parent, children and an Error event.',
    properties: [
      prop('mediaPipeline', t.object('MediaPipeline'), 'final', 'The pipeline this object belongs to (a pipeline returns itself).'),
      prop('parent', t.object('MediaObject'), 'final', 'The object that created this one: the pipeline for elements and hubs, none for a pipeline.'),
      prop('id', t.string(), 'final', "Unique identifier: a GUID plus '_kurento.<Type>', prefixed by the parent's id and a slash."),
      prop('children', t.array(t.object('MediaObject')), 'ro', 'Objects created inside this one, such as the elements of a pipeline or the ports of a hub.'),
      prop('name', t.string(), 'rw', 'Free-text friendly name for debugging; defaults to the id and is not used to find objects.'),
      prop('sendTagsInEvents', t.boolean(), 'rw', "Whether the object's tags are attached to every event it raises.", { default: false }),
      prop('creationTime', t.int(), 'final', 'When the object was created, in seconds since the Unix epoch.', { unit: 's' }),
    ],
    methods: [
      method(
        'addTag',
        [param('key', t.string(), 'Tag name.'), param('value', t.string(), 'Value to store under the tag name.')],
        'Attaches a key-value tag to the object, replacing the value if the key already exists.',
      ),
      method('removeTag', [param('key', t.string(), 'Name of the tag to remove.')], 'Removes a tag; does nothing if the tag does not exist.'),
      method('getTag', [param('key', t.string(), 'Name of the tag to read.')], 'Returns the value of a tag, or fails with MEDIA_OBJECT_TAG_KEY_NOT_FOUND if it is not set.', {
        returns: t.string(),
      }),
      method('getTags', [], 'Returns every key-value tag attached to the object.', { returns: t.array(t.complex('Tag')) }),
    ],
    events: ['Error'],
  },
  {
    name: 'Hub',
    module: 'core',
    extends: 'MediaObject',
    abstract: true,
    description: 'A routing object that connects several elements through HubPorts, mixing or switching the media between them.',
    methods: [
      method('getGstreamerDot', [dotDetails], "Returns the hub's internal processing graph in Graphviz dot format.", { returns: t.string() }),
      method('dumpGstreamerDot', [dotDetails], "Writes the hub's internal processing graph as a dot file into the server's debug directory."),
    ],
  },
  {
    name: 'MediaElement',
    module: 'core',
    abstract: true,
    extends: 'MediaObject',
    description:
      'The basic building block of a pipeline: it receives media through sink pads and sends media through source pads, and elements are connected source to sink per media type.',
    properties: [
      prop('encoderBitrate', t.int(0), 'rw', 'Target average video bitrate when this element has to transcode; set it before media starts to flow.', {
        default: 300000,
        unit: 'bps',
      }),
      prop('minEncoderBitrate', t.int(0), 'rw', 'Lowest video bitrate the encoder may choose when it adapts to the receivers; 0 for no lower limit.', {
        default: 0,
        unit: 'bps',
      }),
      prop('maxEncoderBitrate', t.int(0), 'rw', 'Highest video bitrate the encoder may choose when it adapts to the receivers; 0 for unlimited.', {
        default: 0,
        unit: 'bps',
      }),
    ],
    methods: [
      method(
        'getSourceConnections',
        [mediaTypeFilter, padDescriptionFilter],
        "Lists the connections feeding this element's sink pads, i.e. the elements it receives media from.",
        { returns: t.array(t.complex('ElementConnectionData')) },
      ),
      method(
        'getSinkConnections',
        [mediaTypeFilter, padDescriptionFilter],
        "Lists the connections leaving this element's source pads, i.e. the elements it sends media to.",
        { returns: t.array(t.complex('ElementConnectionData')) },
      ),
      method(
        'connect',
        [
          param('sink', t.object('MediaElement'), 'The element that will receive media from this one.'),
          opt('mediaType', t.complex('MediaType'), undefined, 'Which media to connect; AUDIO, VIDEO and DATA all at once when omitted.'),
          sourcePad,
          sinkPad,
        ],
        "Sends this element's media to a sink element (one direction only); a sink pad takes one source at a time, so this replaces the sink's previous source.",
      ),
      method(
        'disconnect',
        [
          param('sink', t.object('MediaElement'), 'The element that will stop receiving media from this one.'),
          opt('mediaType', t.complex('MediaType'), undefined, 'Which media to disconnect; every connected type when omitted.'),
          sourcePad,
          sinkPad,
        ],
        'Stops sending media to a sink element and releases the pads the connection used.',
      ),
      method('setAudioFormat', [param('caps', t.complex('AudioCaps'), 'Audio codec and bitrate to use.')], 'Sets the audio format of the stream (Kurento accepts this call but does not act on it).'),
      method('setVideoFormat', [param('caps', t.complex('VideoCaps'), 'Video codec and frame rate to use.')], 'Sets the video format of the stream (Kurento accepts this call but does not act on it).'),
      method('dumpGstreamerDot', [dotDetails], "Writes the element's internal processing graph as a dot file into the server's debug directory."),
      method('getGstreamerDot', [dotDetails], "Returns the element's internal processing graph in Graphviz dot format.", { returns: t.string() }),
      method('getStats', [opt('mediaType', t.complex('MediaType'), undefined, 'AUDIO or VIDEO; statistics for every type when omitted.')], 'Returns RTC-style statistics for the element, keyed by statistic id.', {
        returns: t.map(t.complex('Stats')),
      }),
      method(
        'isMediaFlowingIn',
        [flowMediaType, opt('sinkMediaDescription', t.string(), 'default', 'Name of the sink pad to check.')],
        'Tells whether media of the given type is arriving at a sink pad; false if the pad does not exist.',
        { returns: t.boolean() },
      ),
      method(
        'isMediaFlowingOut',
        [flowMediaType, opt('sourceMediaDescription', t.string(), 'default', 'Name of the source pad to check.')],
        'Tells whether media of the given type is leaving through a source pad; false if the pad does not exist.',
        { returns: t.boolean() },
      ),
      method(
        'isMediaTranscoding',
        [flowMediaType, opt('binName', t.string(), 'default', 'Name of the processing bin, as reported by MediaTranscodingStateChanged.')],
        'Tells whether the element is decoding and re-encoding media of the given type between its input and output.',
        { returns: t.boolean() },
      ),
    ],
    events: ['ElementConnected', 'ElementDisconnected', 'MediaFlowOutStateChanged', 'MediaFlowInStateChanged', 'MediaTranscodingStateChanged'],
    pads: { sources: [pad(AVD)], sinks: [pad(AVD)] },
  },
  {
    name: 'Endpoint',
    module: 'core',
    extends: 'MediaElement',
    abstract: true,
    description: 'Base of every element that exchanges media with the world outside the pipeline: WebRTC and RTP peers, HTTP clients, files, cameras.',
  },
  {
    name: 'SessionEndpoint',
    module: 'core',
    extends: 'Endpoint',
    abstract: true,
    description: 'Base of networked endpoints that manage a session with a remote peer, raising events when the session starts and ends.',
    events: ['MediaSessionTerminated', 'MediaSessionStarted'],
  },
  {
    name: 'SdpEndpoint',
    module: 'core',
    extends: 'SessionEndpoint',
    abstract: true,
    description: 'Base of endpoints that set up their media session through an SDP offer/answer negotiation: it generates and processes offers and answers.',
    properties: [
      prop('maxAudioRecvBandwidth', t.int(0), 'rw', 'Highest audio bitrate this endpoint asks remote senders for (REMB and SDP b=AS); 0 for unlimited.', {
        default: 0,
        unit: 'kbps',
      }),
      prop('maxVideoRecvBandwidth', t.int(0), 'rw', 'Highest video bitrate this endpoint asks remote senders for (REMB and SDP b=AS); 0 for unlimited.', {
        default: 0,
        unit: 'kbps',
      }),
    ],
    methods: [
      method(
        'generateOffer',
        [opt('options', t.complex('OfferOptions'), undefined, 'Which media to offer to receive; audio and video when omitted.')],
        'Creates an SDP offer with the media capabilities of this endpoint, to send to the remote peer.',
        { returns: t.string('sdp') },
      ),
      method('processOffer', [param('offer', t.string('sdp'), "The remote peer's SDP offer.")], "Processes a remote peer's SDP offer and returns the SDP answer to send back.", {
        returns: t.string('sdp'),
      }),
      method(
        'processAnswer',
        [param('answer', t.string('sdp'), "The remote peer's SDP answer to this endpoint's offer.")],
        "Processes the remote peer's SDP answer to an offer made by generateOffer and returns the updated local description.",
        { returns: t.string('sdp') },
      ),
      method('getLocalSessionDescriptor', [], 'Returns the local SDP: none before an offer exists, the offer before the answer, the agreed SDP after.', {
        returns: t.string('sdp'),
      }),
      method('getRemoteSessionDescriptor', [], "Returns the remote peer's SDP, or none until the negotiation is complete.", { returns: t.string('sdp') }),
    ],
  },
  {
    name: 'BaseRtpEndpoint',
    module: 'core',
    extends: 'SdpEndpoint',
    abstract: true,
    description:
      'Base of RTP-based endpoints (RTP and WebRTC): it reports the connection and RTCP media state and controls video bandwidth, which must be set before the SDP negotiation.',
    properties: [
      prop('minVideoRecvBandwidth', t.int(0), 'rw', 'Lowest video bitrate this endpoint asks remote senders for through REMB (Kurento never asks for less than 30 kbps).', {
        default: 0,
        unit: 'kbps',
      }),
      prop('minVideoSendBandwidth', t.int(0), 'rw', 'Lowest video bitrate this endpoint sends when the network gets worse; 0 lets quality drop as far as needed.', {
        default: 100,
        unit: 'kbps',
      }),
      prop('maxVideoSendBandwidth', t.int(0), 'rw', 'Highest video bitrate this endpoint sends when the network allows it; 0 for unlimited.', {
        default: 500,
        unit: 'kbps',
      }),
      prop('mediaState', t.complex('MediaState'), 'ro', 'CONNECTED while RTCP packets flow between the peers, DISCONNECTED after about 5 s without them.'),
      prop('connectionState', t.complex('ConnectionState'), 'ro', 'Whether the connection with the remote peer is established.'),
      prop('mtu', t.int(1), 'rw', 'Maximum size of outgoing RTP packets; change it only for a strong reason.', { default: 1200, unit: 'bytes' }),
      prop('rembParams', t.complex('RembParams'), 'rw', 'Advanced settings of the REMB congestion control algorithm.'),
    ],
    methods: [
      method('requestKeyframe', [], 'Asks the upstream producer for a new video keyframe (only meaningful for video consumers).', { action: true }),
    ],
    events: ['MediaStateChanged', 'ConnectionStateChanged'],
  },
  {
    name: 'UriEndpoint',
    module: 'core',
    extends: 'Endpoint',
    abstract: true,
    description: 'Base of endpoints that read from or write to a URI, such as a file to play or a recording destination.',
    properties: [
      prop('uri', t.string('uri'), 'final', 'The URI this endpoint reads from or writes to.'),
      prop('state', t.complex('UriEndpointState'), 'ro', 'Whether the endpoint is stopped, started or paused.'),
    ],
    methods: [method('pause', [], 'Pauses the feed; it resumes where it left off.', { action: true }), method('stop', [], 'Stops the feed.', { action: true })],
    events: ['UriEndpointStateChanged'],
  },
  {
    name: 'Filter',
    module: 'core',
    extends: 'MediaElement',
    abstract: true,
    description: 'Base of elements that process the media arriving at their sinks and deliver the result through their sources; audio passes through video filters.',
    pads: { sources: [pad(AV)], sinks: [pad(AV)] },
  },
  {
    name: 'HubPort',
    module: 'core',
    extends: 'MediaElement',
    description: "An element that connects other elements to a Hub: media sent to the port enters the hub, and the hub's output leaves through the port.",
    summary: 'Connection point of a hub',
    icon: 'hubport',
    constructorParams: [param('hub', t.object('Hub'), 'The hub this port belongs to.')],
    pads: { sources: [pad(AV)], sinks: [pad(AV)] },
  },
  {
    name: 'PassThrough',
    module: 'core',
    extends: 'MediaElement',
    description: 'An element that passes its media through unchanged, useful as a fixed junction between elements.',
    summary: 'Forward media unchanged',
    icon: 'passthrough',
    constructorParams: [param('mediaPipeline', t.object('MediaPipeline'), 'The pipeline the element belongs to.')],
  },
  {
    name: 'MediaPipeline',
    module: 'core',
    extends: 'MediaObject',
    description: 'A container for a collection of media elements and hubs, through which they are created and connected; releasing it releases them all.',
    constructorParams: [],
    properties: [prop('latencyStats', t.boolean(), 'rw', 'Whether latency statistics are collected for every element of the pipeline.', { default: false })],
    methods: [
      method('getGstreamerDot', [dotDetails], "Returns the pipeline's processing graph in Graphviz dot format.", { returns: t.string() }),
      method('dumpGstreamerDot', [dotDetails], "Writes the pipeline's processing graph as a dot file into the server's debug directory."),
    ],
  },
  {
    name: 'ServerManager',
    module: 'core',
    extends: 'MediaObject',
    abstract: true,
    description: 'A standalone object for inspecting the media server: its version, modules, pipelines, sessions and resource usage.',
    properties: [
      prop('info', t.complex('ServerInfo'), 'ro', 'Server version, loaded modules and their factories, and capabilities.'),
      prop('pipelines', t.array(t.object('MediaPipeline')), 'ro', 'Every pipeline currently on the server.'),
      prop('sessions', t.array(t.string()), 'ro', 'Ids of every active client session.'),
      prop('metadata', t.string(), 'ro', 'Metadata stored in the server.'),
    ],
    methods: [
      method('getKmd', [param('moduleName', t.string(), "Name of the module, e.g. 'core' or 'elements'.")], "Returns a module's descriptor (kmd) as JSON text.", {
        returns: t.string(),
      }),
      method('getCpuCount', [], 'Returns the number of logical CPU cores the media server may use.', { returns: t.int() }),
      method(
        'getUsedCpu',
        [param('interval', t.int(1), 'How long to measure the average, typically 1000 to 10000 ms.', { unit: 'ms' })],
        "Measures the server's average CPU usage over an interval, as a percentage across all cores.",
        { returns: t.float() },
      ),
      method('getUsedMemory', [], 'Returns the memory the server is using, in KiB.', { returns: t.int64() }),
    ],
    events: ['ObjectCreated', 'ObjectDestroyed'],
  },
];
