/** Kurento's elements module classes (kurento-client-elements 7.3.0), with Fluo's pads and editor hints. */
import { AV, method, opt, pad, param, prop, t } from './define.ts';
import type { ClassSpec } from './types.ts';

const pipelineParam = param('mediaPipeline', t.object('MediaPipeline'), 'The pipeline the element belongs to.');
const hubPipelineParam = param('mediaPipeline', t.object('MediaPipeline'), 'The pipeline the hub belongs to.');
/** Shared by PlayerEndpoint and HttpPostEndpoint, whose input is decoded unless this is set. */
const useEncodedMedia = opt(
  'useEncodedMedia',
  t.boolean(),
  false,
  'Pass the input to the pipeline still encoded instead of decoding it first: saves CPU, but lost keyframes are not regenerated and the codec must suit every consumer.',
);

export const ELEMENTS_CLASSES: ClassSpec[] = [
  {
    name: 'AlphaBlending',
    module: 'elements',
    extends: 'Hub',
    description:
      "A Hub that mixes the audio of its connected sources and blends their video into one picture on top of a master port's video, each port with its own position, size and z-order.",
    summary: 'Layer videos over a master picture',
    icon: 'alpha',
    constructorParams: [hubPipelineParam],
    methods: [
      method(
        'setMaster',
        [
          param('source', t.object('HubPort'), 'The port whose video becomes the background and sets the output size.'),
          param('zOrder', t.int(), 'Drawing order of the master picture; higher values are drawn on top.'),
        ],
        'Chooses the port whose video is the master picture the other ports are blended onto.',
      ),
      method(
        'setPortProperties',
        [
          param('relativeX', t.float(0, 1), "Left edge of the port's picture, as a fraction of the master picture's width."),
          param('relativeY', t.float(0, 1), "Top edge of the port's picture, as a fraction of the master picture's height."),
          param('zOrder', t.int(), 'Drawing order of the picture; higher values are drawn on top.'),
          param('relativeWidth', t.float(0, 1), "Width of the port's picture, as a fraction of the master picture's width."),
          param('relativeHeight', t.float(0, 1), "Height of the port's picture, as a fraction of the master picture's height."),
          param('port', t.object('HubPort'), 'The port being placed.'),
        ],
        "Places one port's picture over the master picture: position, size and z-order.",
      ),
    ],
  },
  {
    name: 'Composite',
    module: 'elements',
    extends: 'Hub',
    description:
      'A Hub that mixes the audio of its connected sources and arranges their video in a grid, sending the combined stream out of every port (each port hears everyone but itself).',
    summary: 'Grid of videos with mixed audio',
    icon: 'composite',
    constructorParams: [
      hubPipelineParam,
      opt('width', t.int(1), 800, 'Width of the output picture.', 'px'),
      opt('height', t.int(1), 600, 'Height of the output picture.', 'px'),
      opt('framerate', t.int(1), 15, 'Frame rate of the output video.', 'fps'),
    ],
  },
  {
    name: 'Dispatcher',
    module: 'elements',
    extends: 'Hub',
    description: 'A Hub that routes media between any pair of its ports: each sink port receives the media of the source port it is connected to.',
    summary: 'Route media between port pairs',
    icon: 'dispatcher',
    constructorParams: [hubPipelineParam],
    methods: [
      method(
        'connect',
        [param('source', t.object('HubPort'), 'The port whose media is routed.'), param('sink', t.object('HubPort'), 'The port that receives it.')],
        'Routes every media type of a source port to a sink port, replacing what the sink port received before.',
        { action: true },
      ),
    ],
  },
  {
    name: 'DispatcherOneToMany',
    module: 'elements',
    extends: 'Hub',
    description: 'A Hub that sends the media of one chosen source port to all its other ports, for one-to-many broadcasts.',
    summary: 'Broadcast one port to all others',
    icon: 'broadcast',
    constructorParams: [hubPipelineParam],
    methods: [
      method('setSource', [param('source', t.object('HubPort'), 'The port to broadcast.')], "Chooses the port whose media is sent to every other port of the hub.", {
        action: true,
      }),
      method('removeSource', [], 'Stops broadcasting: the ports receive nothing until a new source is set.', { action: true }),
    ],
  },
  {
    name: 'Mixer',
    module: 'elements',
    extends: 'Hub',
    description: 'A Hub that routes video between any pair of its ports and mixes the audio of several ports.',
    summary: 'Route video, mix audio between ports',
    icon: 'mixer',
    constructorParams: [hubPipelineParam],
    methods: [
      method(
        'connect',
        [
          param('media', t.complex('MediaType'), 'Which media to connect.'),
          param('source', t.object('HubPort'), 'The port whose media is routed or mixed in.'),
          param('sink', t.object('HubPort'), 'The port that receives it.'),
        ],
        'Sends one media type of a source port to a sink port; audio from several sources is mixed.',
      ),
      method(
        'disconnect',
        [
          param('media', t.complex('MediaType'), 'Which media to disconnect.'),
          param('source', t.object('HubPort'), 'The port whose media was routed or mixed in.'),
          param('sink', t.object('HubPort'), 'The port that received it.'),
        ],
        'Stops sending one media type of a source port to a sink port.',
      ),
    ],
  },
  {
    name: 'HttpEndpoint',
    module: 'elements',
    extends: 'SessionEndpoint',
    abstract: true,
    description: 'Base of endpoints through which the media server acts as an HTTP server, letting HTTP clients exchange media with the pipeline.',
    methods: [method('getUrl', [], 'Returns the URL where HTTP clients reach this endpoint.', { returns: t.string('uri') })],
  },
  {
    name: 'HttpPostEndpoint',
    module: 'elements',
    extends: 'HttpEndpoint',
    description:
      'An endpoint that receives a media file uploaded by an HTTP client with POST and feeds its audio and video into the pipeline (one direction only).',
    summary: 'Media uploaded over HTTP POST',
    icon: 'http',
    constructorParams: [
      pipelineParam,
      opt('disconnectionTimeout', t.int(0), 2, 'How long to wait for the HTTP client to reconnect after its connection is lost.', 's'),
      useEncodedMedia,
    ],
    events: ['EndOfStream'],
    pads: { sources: [pad(AV)], sinks: [] },
  },
  {
    name: 'RtpEndpoint',
    module: 'elements',
    extends: 'BaseRtpEndpoint',
    description:
      'An endpoint that exchanges audio and video with a remote peer over plain RTP or SRTP, negotiated with an SDP offer/answer in either role.',
    summary: 'Send and receive RTP/SRTP streams',
    icon: 'rtp',
    constructorParams: [
      pipelineParam,
      opt('crypto', t.complex('SDES'), {}, 'SRTP key and cipher suite; when present the streams are encrypted, by default they are not.'),
      opt('useIpv6', t.boolean(), false, 'Use IPv6 instead of IPv4.'),
    ],
    events: ['OnKeySoftLimit'],
    pads: { sources: [pad(AV)], sinks: [pad(AV)] },
  },
  {
    name: 'WebRtcEndpoint',
    module: 'elements',
    extends: 'BaseRtpEndpoint',
    description:
      'An endpoint that exchanges audio, video and data channels with a WebRTC peer (a browser, an app or another media server), negotiating with SDP and trickle ICE.',
    summary: 'Browser or app over WebRTC',
    icon: 'webrtc',
    constructorParams: [
      pipelineParam,
      opt('recvonly', t.boolean(), false, 'Only receive media from the peer, never send.'),
      opt('sendonly', t.boolean(), false, 'Only send media to the peer, never receive.'),
      opt('useDataChannels', t.boolean(), false, 'Enable data channel support.'),
      opt('certificateKeyType', t.complex('CertificateKeyType'), 'RSA', 'Key type of the DTLS certificate.'),
      opt('qosDscp', t.complex('DSCPValue'), 'NO_VALUE', 'DSCP mark for outgoing packets so networks can prioritise them; NO_VALUE uses the server configuration.'),
    ],
    properties: [
      prop('networkInterfaces', t.string(), 'rw', "Comma-separated network interfaces used for ICE gathering, e.g. 'eth0'; all interfaces when unset."),
      prop('iceTcp', t.boolean(), 'rw', 'Whether ICE also gathers TCP candidates; disabling it can speed up gathering.', { default: true }),
      prop('stunServerAddress', t.string('ip-address'), 'rw', 'IP address (not a host name) of the STUN server used to discover the public address.'),
      prop('stunServerPort', t.int(0, 65535), 'rw', 'Port of the STUN server.'),
      prop('turnUrl', t.string('turn-url'), 'rw', "TURN relay as 'user:password@ip:port', optionally with '?transport=udp|tcp|tls'."),
      prop('externalIPv4', t.string('ip-address'), 'rw', 'Public IPv4 address forced into every local IPv4 ICE candidate, for servers with a known static address.'),
      prop('externalIPv6', t.string('ip-address'), 'rw', 'Public IPv6 address forced into every local IPv6 ICE candidate, for servers with a known static address.'),
      prop('ICECandidatePairs', t.array(t.complex('IceCandidatePair')), 'ro', 'The local and remote ICE candidates in use for each stream.'),
      prop('IceConnectionState', t.array(t.complex('IceConnection')), 'ro', 'The ICE state of every stream and component.'),
      prop('DtlsConnectionState', t.array(t.complex('DtlsConnection')), 'ro', 'The DTLS state of every stream and component.'),
    ],
    methods: [
      method(
        'gatherCandidates',
        [],
        'Starts gathering local ICE candidates: each is reported by an IceCandidateFound event, and IceGatheringDone follows the last.',
      ),
      method('addIceCandidate', [param('candidate', t.complex('IceCandidate'), 'A candidate received from the remote peer.')], "Adds an ICE candidate sent by the remote peer."),
      method(
        'createDataChannel',
        [
          opt('label', t.string(), '', 'Label of the channel.'),
          opt('ordered', t.boolean(), true, 'Deliver messages in order; reliable mode when neither limit below is given.'),
          opt('maxPacketLifeTime', t.int(-1), -1, 'Time window for (re)transmissions; setting it forces unreliable mode, -1 for none.', 'ms'),
          opt('maxRetransmits', t.int(-1), -1, 'Maximum number of retransmissions; setting it forces unreliable mode, -1 for none.'),
          opt('protocol', t.string(), '', 'Name of the subprotocol carried on the channel.'),
        ],
        'Opens a data channel to the peer; fails unless data channels were enabled and negotiated in the SDP.',
      ),
      method('closeDataChannel', [param('channelId', t.int(), 'Identifier of the channel to close.')], 'Closes an open data channel.'),
    ],
    events: [
      'IceCandidateFound',
      'IceGatheringDone',
      'IceComponentStateChanged',
      'DtlsConnectionStateChange',
      'DataChannelOpened',
      'DataChannelClosed',
      'NewCandidatePairSelected',
    ],
  },
  {
    name: 'PlayerEndpoint',
    module: 'elements',
    extends: 'UriEndpoint',
    description:
      'An endpoint that reads media from a file, an HTTP URL or an RTSP stream (such as an IP camera) and feeds its audio and video into the pipeline.',
    summary: 'Play a file, HTTP or RTSP stream',
    icon: 'player',
    constructorParams: [
      pipelineParam,
      param('uri', t.string('uri', 1), 'What to play: file:///path, http(s)://host/path or rtsp://host/path, readable by the engine.'),
      useEncodedMedia,
      opt('networkCache', t.int(0), 2000, 'Length of the RTSP reception buffer: more smooths network spikes, less lowers latency.', 'ms'),
    ],
    properties: [
      prop('videoInfo', t.complex('VideoInfo'), 'ro', 'Whether the source is seekable, its seekable range and its duration.'),
      prop('elementGstreamerDot', t.string(), 'ro', "The player's private processing graph in Graphviz dot format."),
      prop('position', t.int64(0), 'rw', 'Current playback position; setting it seeks, which only works for seekable sources.', { unit: 'ms' }),
    ],
    methods: [method('play', [], 'Starts playing, or resumes after pause; after stop it starts again from the beginning.', { action: true })],
    events: ['EndOfStream'],
    pads: { sources: [pad(AV)], sinks: [] },
  },
  {
    name: 'RecorderEndpoint',
    module: 'elements',
    extends: 'UriEndpoint',
    description:
      'An endpoint that stores the media it receives into a file or sends it to an HTTP server, muxed in the container and codecs of its media profile.',
    summary: 'Record to a file',
    icon: 'recorder',
    constructorParams: [
      pipelineParam,
      param('uri', t.string('file-uri', 1), 'Where to record: file:///path or an http(s) URL accepting chunked POST, writable by the engine.'),
      opt('mediaProfile', t.complex('MediaProfileSpecType'), 'WEBM', 'Container and codecs of the recording; media in other codecs is transcoded, and _ONLY profiles record one media type.'),
      opt('stopOnEndOfStream', t.boolean(), false, 'Stop recording by itself when the incoming stream ends.'),
    ],
    methods: [
      method('record', [], 'Starts storing the media received through the sink pads.', { action: true }),
      method('stopAndWait', [], 'Stops recording and returns only once everything has been written to the URI.', { action: true }),
    ],
    events: ['Recording', 'Paused', 'Stopped'],
    pads: { sources: [], sinks: [pad(AV)] },
  },
];
