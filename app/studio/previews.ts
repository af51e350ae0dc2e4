/**
 * Live previews: a send-only WebRtcEndpoint added to a running pipeline, fed by the element
 * being watched, negotiated with the page (offer/answer, trickle ICE). Closed with the
 * connection that opened it, or with the run.
 */
import { randomUUID } from 'node:crypto';
import { MediaElement, type MediaObject } from '../../engine/index.ts';
import type { IceCandidate } from '../rpc/api.ts';
import { RpcError, RpcErrorCode } from '../rpc/protocol.ts';
import type { EventLog } from './event-log.ts';
import type { RunManager } from './runs.ts';

interface Preview {
  endpoint: MediaObject;
  connectionId: string;
}

export class PreviewManager {
  private readonly previews = new Map<string, Preview>();

  constructor(
    private readonly runs: RunManager,
    private readonly events: EventLog,
  ) {}

  async open(runId: string, elementId: string, offer: string, connectionId: string): Promise<{ previewId: string; answer: string }> {
    const source = this.runs.element(runId, elementId);
    if (!(source instanceof MediaElement) || source.sourceMediaTypes().length === 0) {
      throw new RpcError(RpcErrorCode.APP_ERROR, `'${elementId}' (${source.type}) produces no media to preview`, { type: 'NOT_PREVIEWABLE' });
    }
    const endpoint = this.runs.get(runId).pipeline.create('WebRtcEndpoint', { sendonly: true });
    const previewId = randomUUID();
    this.previews.set(previewId, { endpoint, connectionId });
    try {
      endpoint.on('IceCandidateFound', (event) => {
        this.events.emit({ kind: 'preview-ice', previewId, candidate: event.candidate as IceCandidate });
      });
      source.connect(endpoint as MediaElement);
      const answer = (await endpoint.invoke('processOffer', { offer })) as string;
      await endpoint.invoke('gatherCandidates', {});
      return { previewId, answer };
    } catch (error) {
      this.close(previewId);
      throw error;
    }
  }

  async addIceCandidate(previewId: string, candidate: IceCandidate): Promise<void> {
    await this.get(previewId).endpoint.invoke('addIceCandidate', { candidate });
  }

  close(previewId: string): void {
    const preview = this.previews.get(previewId);
    if (!preview) return;
    this.previews.delete(previewId);
    if (!preview.endpoint.released) preview.endpoint.release();
  }

  /** A UI went away: its previews go with it. */
  closeForConnection(connectionId: string): void {
    for (const [id, preview] of this.previews) if (preview.connectionId === connectionId) this.close(id);
  }

  private get(previewId: string): Preview {
    const preview = this.previews.get(previewId);
    if (!preview || preview.endpoint.released) throw new RpcError(RpcErrorCode.APP_ERROR, `No open preview '${previewId}'`, { type: 'NOT_FOUND' });
    return preview;
  }
}
