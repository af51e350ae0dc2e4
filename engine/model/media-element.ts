/**
 * MediaElement: Kurento's connect/disconnect semantics per media type and pad.
 * A sink pad takes one source per media type: connecting a new source replaces the old
 * connection, as in Kurento. Media flow itself is the media layer's business; it reports
 * through `setMediaFlow`, which raises the MediaFlow*StateChanged events.
 */
import { padsOf } from '../catalog/catalog.ts';
import { MEDIA_TYPES, type MediaType } from '../catalog/types.ts';
import { KurentoErrorCode, MediaError } from '../errors.ts';
import type { MediaInlet } from '../media/media-inlet.ts';
import type { MediaOutlet } from '../media/media-outlet.ts';
import { MediaPorts } from '../media/media-ports.ts';
import { MediaObject } from './media-object.ts';
import type { MediaPipeline } from './media-pipeline.ts';

export interface Connection {
  source: MediaElement;
  sink: MediaElement;
  mediaType: MediaType;
  sourceDescription: string;
  sinkDescription: string;
}

/** Kurento's ElementConnectionData, with objects as ids. */
export interface ElementConnectionData {
  source: string;
  sink: string;
  type: MediaType;
  sourceDescription: string;
  sinkDescription: string;
}

export function connectionData(c: Connection): ElementConnectionData {
  return { source: c.source.id, sink: c.sink.id, type: c.mediaType, sourceDescription: c.sourceDescription, sinkDescription: c.sinkDescription };
}

export class MediaElement extends MediaObject {
  private readonly flowIn = new Map<string, boolean>();
  private readonly flowOut = new Map<string, boolean>();
  /** Media plumbing (engine/media): outlets per source pad, inlets per sink pad, links. */
  protected readonly media = new MediaPorts({
    label: () => this.describe(),
    setMediaFlow: (direction, mediaType, flowing, pad) => this.setMediaFlow(direction, mediaType, flowing, pad),
    onMediaError: (message) => this.emitError(message, KurentoErrorCode.UNEXPECTED_ERROR, 'MEDIA_ERROR'),
    onTranscoding: (mediaType, transcoding, pad) =>
      this.emitEvent('MediaTranscodingStateChanged', { state: transcoding ? 'TRANSCODING' : 'NOT_TRANSCODING', binName: pad, mediaType }),
  });

  constructor(
    type: string,
    private readonly owner: MediaPipeline,
    parent: MediaObject,
    params: Record<string, unknown> = {},
  ) {
    // Kurento nests ids under the parent: a HubPort's id starts with its hub's.
    super(type, parent, `${parent.id}/`, params);
  }

  get pipeline(): MediaPipeline {
    return this.owner;
  }

  /** Media types this element produces on a source pad (empty if it has no such pad). */
  sourceMediaTypes(pad = 'default'): MediaType[] {
    return padsOf(this.type).sources.find((p) => p.name === pad)?.mediaTypes ?? [];
  }

  /** Media types this element accepts on a sink pad. */
  sinkMediaTypes(pad = 'default'): MediaType[] {
    return padsOf(this.type).sinks.find((p) => p.name === pad)?.mediaTypes ?? [];
  }

  connect(sink: MediaElement, mediaType?: MediaType, sourceMediaDescription = 'default', sinkMediaDescription = 'default'): void {
    this.assertAlive();
    if (!(sink instanceof MediaElement) || sink.released) {
      throw new MediaError('CONNECT_ERROR', `${this.describe()}: cannot connect to a released or unknown element`);
    }
    if (sink.pipeline !== this.pipeline) {
      throw new MediaError('CONNECT_ERROR', `${this.describe()} and ${sink.describe()} are in different pipelines`);
    }
    const produced = this.sourceMediaTypes(sourceMediaDescription);
    const accepted = sink.sinkMediaTypes(sinkMediaDescription);
    if (mediaType !== undefined) {
      if (!MEDIA_TYPES.includes(mediaType)) throw new MediaError('MARSHALL_ERROR', `'${String(mediaType)}' is not a media type (AUDIO, VIDEO or DATA)`);
      if (!produced.includes(mediaType)) {
        throw new MediaError('UNSUPPORTED_MEDIA_TYPE', `${this.describe()} produces no ${mediaType} on pad '${sourceMediaDescription}'`);
      }
      if (!accepted.includes(mediaType)) {
        throw new MediaError('UNSUPPORTED_MEDIA_TYPE', `${sink.describe()} accepts no ${mediaType} on pad '${sinkMediaDescription}'`);
      }
    }
    const types = mediaType ? [mediaType] : produced.filter((m) => accepted.includes(m));
    if (types.length === 0) {
      throw new MediaError('CONNECT_ERROR', `${this.describe()} and ${sink.describe()} share no media type to connect`);
    }
    for (const type of types) {
      const existing = this.pipeline.connections.find(
        (c) => c.sink === sink && c.mediaType === type && c.sinkDescription === sinkMediaDescription,
      );
      if (existing?.source === this && existing.sourceDescription === sourceMediaDescription) continue;
      // One source per sink pad and media type: the new connection replaces the old one.
      if (existing) existing.source.removeConnection(existing);
      const connection: Connection = { source: this, sink, mediaType: type, sourceDescription: sourceMediaDescription, sinkDescription: sinkMediaDescription };
      this.pipeline.connections.push(connection);
      this.media.link(connection, sink.media);
      this.onSinkConnected(connection);
      sink.onSourceConnected(connection);
      this.emitEvent('ElementConnected', {
        sink: sink.id,
        mediaType: type,
        sourceMediaDescription,
        sinkMediaDescription,
      });
    }
  }

  disconnect(sink: MediaElement, mediaType?: MediaType, sourceMediaDescription?: string, sinkMediaDescription?: string): void {
    this.assertAlive();
    const matches = this.pipeline.connections.filter(
      (c) =>
        c.source === this &&
        c.sink === sink &&
        (mediaType === undefined || c.mediaType === mediaType) &&
        (sourceMediaDescription === undefined || c.sourceDescription === sourceMediaDescription) &&
        (sinkMediaDescription === undefined || c.sinkDescription === sinkMediaDescription),
    );
    if (matches.length === 0) {
      throw new MediaError('CONNECT_ERROR', `${this.describe()} is not connected to ${sink.describe()}${mediaType ? ` for ${mediaType}` : ''}`);
    }
    for (const connection of matches) this.removeConnection(connection);
  }

  private removeConnection(connection: Connection): void {
    const list = this.pipeline.connections;
    const index = list.indexOf(connection);
    if (index < 0) return;
    list.splice(index, 1);
    connection.source.media.unlink(connection);
    connection.source.onSinkDisconnected(connection);
    connection.sink.onSourceDisconnected(connection);
    connection.source.emitEvent('ElementDisconnected', {
      sink: connection.sink.id,
      mediaType: connection.mediaType,
      sourceMediaDescription: connection.sourceDescription,
      sinkMediaDescription: connection.sinkDescription,
    });
  }

  /** Connections feeding this element (this element is the sink). */
  getSourceConnections(mediaType?: MediaType, description?: string): ElementConnectionData[] {
    return this.pipeline.connections
      .filter((c) => c.sink === this && (!mediaType || c.mediaType === mediaType) && (!description || c.sinkDescription === description))
      .map(connectionData);
  }

  /** Connections this element feeds (this element is the source). */
  getSinkConnections(mediaType?: MediaType, description?: string): ElementConnectionData[] {
    return this.pipeline.connections
      .filter((c) => c.source === this && (!mediaType || c.mediaType === mediaType) && (!description || c.sourceDescription === description))
      .map(connectionData);
  }

  isMediaFlowingIn(mediaType: MediaType, sinkMediaDescription = 'default'): boolean {
    return this.flowIn.get(`${mediaType}/${sinkMediaDescription}`) ?? false;
  }

  isMediaFlowingOut(mediaType: MediaType, sourceMediaDescription = 'default'): boolean {
    return this.flowOut.get(`${mediaType}/${sourceMediaDescription}`) ?? false;
  }

  /** Called by the media layer when media starts or stops; raises the event on a change only. */
  setMediaFlow(direction: 'in' | 'out', mediaType: MediaType, flowing: boolean, padName = 'default'): void {
    const table = direction === 'in' ? this.flowIn : this.flowOut;
    const key = `${mediaType}/${padName}`;
    if ((table.get(key) ?? false) === flowing) return;
    table.set(key, flowing);
    this.emitEvent(direction === 'in' ? 'MediaFlowInStateChanged' : 'MediaFlowOutStateChanged', {
      state: flowing ? 'FLOWING' : 'NOT_FLOWING',
      padName,
      mediaType,
    });
  }

  /** The outlet an element publishes a source pad's media to (none for DATA). */
  getOutlet(mediaType: MediaType, pad = 'default'): MediaOutlet | undefined {
    return this.media.outlet(mediaType, pad);
  }

  /** The inlet a sink pad registered for a media type, if the element takes media there. */
  getInlet(mediaType: MediaType, pad = 'default'): MediaInlet | undefined {
    return this.media.inlet(mediaType, pad);
  }

  isMediaTranscoding(mediaType: MediaType): boolean {
    return mediaType !== 'DATA' && this.media.isTranscoding(mediaType);
  }

  /** Hooks for the media layer: a connection where this element is the source / the sink. */
  protected onSinkConnected(_connection: Connection): void {}
  protected onSinkDisconnected(_connection: Connection): void {}
  protected onSourceConnected(_connection: Connection): void {}
  protected onSourceDisconnected(_connection: Connection): void {}

  protected override onRelease(): void {
    for (const connection of this.pipeline.connections.filter((c) => c.source === this || c.sink === this)) {
      connection.source.removeConnection(connection);
    }
    this.media.close();
    this.pipeline.forget(this);
  }
}
