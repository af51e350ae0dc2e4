/** One pipeline element on the canvas: icon, label, type, state badge, typed handles, live preview. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useContext, useEffect, useRef, useState } from 'react';
import type { DocumentElement } from '../../../app/document/types.ts';
import type { CatalogElement, ElementState } from '../../../app/rpc/api.ts';
import { statsText, type PeerStats } from '../media/peer.ts';
import { Icon } from '../ui/icons.tsx';
import { MEDIA_COLORS, MEDIA_LABELS, padHandles, type HandleSpec } from './handles.ts';
import { NodeDetail } from './detail.tsx';
import { HEADER, ROW } from './node-geometry.ts';

export interface ElementNodeData extends Record<string, unknown> {
  element: DocumentElement;
  spec: CatalogElement | undefined;
  state?: ElementState;
  stateMessage?: string;
  /** Validation problems of this element in the current document. */
  problems?: string[];
  preview?: MediaStream;
  stats?: PeerStats;
}

export type ElementNode = Node<ElementNodeData, 'element'>;


function HandleRow({ handle, side, index }: { handle: HandleSpec; side: 'source' | 'target'; index: number }) {
  const label = `${handle.pad === 'default' ? '' : `${handle.pad} `}${MEDIA_LABELS[handle.media]}`;
  return (
    <>
      <Handle
        id={handle.id}
        type={side}
        position={side === 'source' ? Position.Right : Position.Left}
        className={`media-handle media-${handle.media === '*' ? 'all' : handle.media.toLowerCase()}`}
        style={{ top: HEADER + index * ROW + ROW / 2, background: MEDIA_COLORS[handle.media] }}
        title={`${side === 'source' ? 'Output' : 'Input'}: ${handle.carries.join(', ').toLowerCase() || 'nothing'}${handle.pad !== 'default' ? ` (pad ${handle.pad})` : ''}`}
        data-media={handle.media}
      />
      {/* Not the class "source"/"target": React Flow measures every such element of a node as a handle. */}
      <span className={`handle-label ${side === 'source' ? 'out' : 'in'}`} style={{ top: HEADER + index * ROW }}>
        {label}
      </span>
    </>
  );
}

/** A pad dot's side: a handle's (node-geometry.ts), placed without a transform (cheaper to paint in a pan). */
const PAD_DOT = 11;

/**
 * A pad's dot on an overview card, where its handle would be, in the handle's box: should
 * React Flow measure the node again (its size changed), it takes these for the handles.
 */
function PadDot({ handle, side, index }: { handle: HandleSpec; side: 'source' | 'target'; index: number }) {
  return (
    <span
      className={`pad-dot ${side}`}
      data-handleid={handle.id}
      data-handlepos={side === 'source' ? Position.Right : Position.Left}
      style={{ top: HEADER + index * ROW + ROW / 2 - PAD_DOT / 2, background: MEDIA_COLORS[handle.media] }}
    />
  );
}

/** A live picture, with a word in place of a black box until its first frame arrives. */
export function Preview({ stream, className, testId }: { stream: MediaStream; className: string; testId?: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [showing, setShowing] = useState(false);
  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) video.current.srcObject = stream;
  }, [stream]);
  return (
    <div className={`${className}-frame`}>
      <video ref={video} className={className} autoPlay muted playsInline data-testid={testId} onLoadedData={() => setShowing(true)} onEmptied={() => setShowing(false)} />
      {!showing && <span className="preview-waiting">Waiting for video…</span>}
    </div>
  );
}

/**
 * A problem as the node says it: the node shows its own type and id, so the message's
 * "RecorderEndpoint 'rec' " or "'rec' (RecorderEndpoint) " prefix goes (the tooltip keeps it).
 */
export function problemOnNode(message: string, element: DocumentElement): string {
  const { id, type } = element;
  const prefix = [`${type} '${id}': `, `${type} '${id}' `, `'${id}' (${type}) `].find((p) => message.startsWith(p));
  const short = prefix ? message.slice(prefix.length) : message;
  return short.charAt(0).toUpperCase() + short.slice(1);
}

function ElementNodeView({ data, selected }: NodeProps<ElementNode>) {
  const { element, spec, state, stateMessage, problems, preview, stats } = data;
  const detailed = useContext(NodeDetail);
  const sinks = (spec?.pads.sinks ?? []).flatMap(padHandles);
  const sources = (spec?.pads.sources ?? []).flatMap(padHandles);
  const rows = Math.max(sinks.length, sources.length, 1);
  const hub = element.type === 'HubPort' ? String(element.params?.hub ?? '') : undefined;
  return (
    <div
      className={`element-node category-${spec?.category ?? 'unknown'}${selected ? ' selected' : ''}${problems?.length ? ' invalid' : ''}${detailed ? '' : ' overview-card'}`}
      data-element-id={element.id}
      data-type={element.type}
    >
      <div className="node-header">
        <span className="node-icon">
          <Icon name={spec?.icon ?? 'filter'} />
        </span>
        <span className="node-titles">
          <span className="node-label">{element.label ?? element.id}</span>
          <span className="node-type">
            {element.type}
            {hub ? ` · ${hub}` : ''}
          </span>
        </span>
      </div>
      {state && (
        <span className={`state-badge state-${state}`} title={stateMessage ?? state} data-state={state}>
          {state}
        </span>
      )}
      <div className="node-pads" style={{ height: rows * ROW + 6 }}>
        {/* Zoomed out, the type reads in the body, in the flow (a positioned line costs paint in every pan frame). */}
        {!detailed && <span className="card-type">{element.type}</span>}
      </div>
      {sinks.map((h, i) => (detailed ? <HandleRow key={`in-${h.id}`} handle={h} side="target" index={i} /> : <PadDot key={`in-${h.id}`} handle={h} side="target" index={i} />))}
      {sources.map((h, i) => (detailed ? <HandleRow key={`out-${h.id}`} handle={h} side="source" index={i} /> : <PadDot key={`out-${h.id}`} handle={h} side="source" index={i} />))}
      {/* Membership of a HubPort in its hub, drawn as a dashed link (not a media connection). */}
      {spec?.category === 'hub' && <Handle id="hub" type="source" position={Position.Bottom} isConnectable={false} className="hub-handle" />}
      {spec?.category === 'hubport' && <Handle id="hub" type="target" position={Position.Top} isConnectable={false} className="hub-handle" />}
      {preview && <Preview stream={preview} className="node-preview" />}
      {preview && stats && (
        <div className="node-stats" data-testid="preview-stats">
          {statsText(stats)}
        </div>
      )}
      {state === 'error' && stateMessage && (
        <div className="node-problem" title={stateMessage} data-testid="node-error">
          ⚠ {problemOnNode(stateMessage, element)}
        </div>
      )}
      {problems && problems.length > 0 && (
        <div className="node-problem" title={problems.join('\n')}>
          ⚠ {problemOnNode(problems[0]!, element)}
        </div>
      )}
    </div>
  );
}

export const ElementNodeComponent = memo(ElementNodeView);
