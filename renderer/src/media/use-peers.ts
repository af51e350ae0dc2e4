/**
 * The page's WebRTC peers while a graph runs: every WebRtcEndpoint of the graph gets this
 * page as its browser (camera out, what the graph sends back into the node's video), and any
 * element's output can be previewed through a send-only endpoint the studio adds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PipelineDocument } from '../../../app/document/types.ts';
import type { IceCandidate, RunSummary } from '../../../app/rpc/api.ts';
import type { RunControl } from '../editor/use-run.ts';
import { errorText, useRpc } from '../rpc.ts';
import { openPeer, type Peer, type PeerStats } from './peer.ts';

interface Entry {
  peer?: Peer;
  previewId?: string;
  closed: boolean;
}

export interface Peers {
  streams: Map<string, MediaStream>;
  stats: Map<string, PeerStats>;
  preview(elementId: string): void;
  closePreview(elementId: string): void;
}

export function usePeers(run: RunSummary | null, document: PipelineDocument | null, runControl: RunControl): Peers {
  const rpc = useRpc();
  const [streams, setStreams] = useState(new Map<string, MediaStream>());
  const [stats, setStats] = useState(new Map<string, PeerStats>());
  const entries = useRef(new Map<string, Entry>());
  const { report, onRunEvent } = runControl;

  const close = useCallback((elementId: string) => {
    const entry = entries.current.get(elementId);
    if (!entry) return;
    entry.closed = true;
    entry.peer?.close();
    if (entry.previewId) void rpc.call('preview.close', { previewId: entry.previewId }).catch(() => undefined);
    entries.current.delete(elementId);
    setStreams((m) => {
      const next = new Map(m);
      next.delete(elementId);
      return next;
    });
    setStats((m) => {
      const next = new Map(m);
      next.delete(elementId);
      return next;
    });
  }, [rpc]);

  const start = useCallback(
    async (runId: string, elementId: string, mode: { kind: 'endpoint'; send: boolean; receive: boolean } | { kind: 'preview' }) => {
      const entry: Entry = { closed: false };
      entries.current.set(elementId, entry);
      const invoke = (method: string, args: Record<string, unknown> = {}) => rpc.call('elements.invoke', { runId, element: elementId, method, args });
      try {
        const peer = await openPeer({
          send: mode.kind === 'endpoint' && mode.send,
          receive: mode.kind === 'preview' || mode.receive,
          negotiate: async (offer) => {
            if (mode.kind === 'endpoint') return String((await invoke('processOffer', { offer })).value);
            const { previewId, answer } = await rpc.call('preview.offer', { runId, element: elementId, offer });
            entry.previewId = previewId;
            return answer;
          },
          sendCandidate: (candidate) =>
            mode.kind === 'endpoint' ? invoke('addIceCandidate', { candidate }) : rpc.call('preview.addIceCandidate', { previewId: entry.previewId!, candidate }),
          onStream: (stream) => !entry.closed && setStreams((m) => new Map(m).set(elementId, stream)),
          onStats: (s) => !entry.closed && setStats((m) => new Map(m).set(elementId, s)),
          onFailure: (message) => report(message, 'error', elementId),
        });
        if (entry.closed) return peer.close();
        entry.peer = peer;
        if (mode.kind === 'endpoint') await invoke('gatherCandidates');
      } catch (error) {
        report(`${mode.kind === 'preview' ? 'Preview' : 'WebRTC'}: ${errorText(error)}`, 'error', elementId);
        close(elementId);
      }
    },
    [rpc, report, close],
  );

  // Remote candidates: IceCandidateFound of the graph's endpoints, preview-ice of previews.
  useEffect(
    () =>
      onRunEvent((event) => {
        if (event.kind === 'media-event' && event.type === 'IceCandidateFound') {
          entries.current.get(event.element)?.peer?.addRemoteCandidate(event.data.candidate as IceCandidate);
        } else if (event.kind === 'preview-ice') {
          for (const entry of entries.current.values()) if (entry.previewId === event.previewId) entry.peer?.addRemoteCandidate(event.candidate);
        }
      }),
    [onRunEvent],
  );

  // A run starts: this page becomes the browser of each WebRtcEndpoint. It stops: every peer closes.
  const runId = run?.runId;
  useEffect(() => {
    if (!runId || !document) return;
    for (const element of document.elements) {
      if (element.type !== 'WebRtcEndpoint') continue;
      const params = element.params ?? {};
      void start(runId, element.id, { kind: 'endpoint', send: params.sendonly !== true, receive: params.recvonly !== true });
    }
    const current = entries.current;
    return () => {
      for (const id of [...current.keys()]) close(id);
    };
    // Only a new run (not document edits while it runs) opens peers: runId is the one dependency.
  }, [runId]);

  const preview = useCallback((elementId: string) => {
    if (runId && !entries.current.has(elementId)) void start(runId, elementId, { kind: 'preview' });
  }, [runId, start]);

  return { streams, stats, preview, closePreview: close };
}
