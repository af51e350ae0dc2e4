/** One pipeline element on the canvas: icon, label, type, state badge, typed handles, live preview. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import type { DocumentElement } from '../../../app/document/types.ts';
import type { CatalogElement, ElementState } from '../../../app/rpc/api.ts';
import type { PeerStats } from '../media/peer.ts';
import { Icon } from '../ui/icons.tsx';
import { MEDIA_COLORS, MEDIA_LABELS, padHandles, type HandleSpec } from './handles.ts';
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
      <span className={`handle-label ${side}`} style={{ top: HEADER + index * ROW }}>
        {label}
      </span>
    </>
  );
}

function Preview({ stream }: { stream: MediaStream }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) video.current.srcObject = stream;
  }, [stream]);
  return <video ref={video} className="node-preview" autoPlay muted playsInline />;
}

function ElementNodeView({ data, selected }: NodeProps<ElementNode>) {
  const { element, spec, state, stateMessage, problems, preview, stats } = data;
  const sinks = (spec?.pads.sinks ?? []).flatMap(padHandles);
  const sources = (spec?.pads.sources ?? []).flatMap(padHandles);
  const rows = Math.max(sinks.length, sources.length, 1);
  const hub = element.type === 'HubPort' ? String(element.params?.hub ?? '') : undefined;
  return (
    <div
      className={`element-node category-${spec?.category ?? 'unknown'}${selected ? ' selected' : ''}${problems?.length ? ' invalid' : ''}`}
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
        {state && (
          <span className={`state-badge state-${state}`} title={stateMessage ?? state} data-state={state}>
            {state}
          </span>
        )}
      </div>
      <div className="node-pads" style={{ height: rows * ROW + 6 }} />
      {sinks.map((h, i) => (
        <HandleRow key={`in-${h.id}`} handle={h} side="target" index={i} />
      ))}
      {sources.map((h, i) => (
        <HandleRow key={`out-${h.id}`} handle={h} side="source" index={i} />
      ))}
      {/* Membership of a HubPort in its hub, drawn as a dashed link (not a media connection). */}
      {spec?.category === 'hub' && <Handle id="hub" type="source" position={Position.Bottom} isConnectable={false} className="hub-handle" />}
      {spec?.category === 'hubport' && <Handle id="hub" type="target" position={Position.Top} isConnectable={false} className="hub-handle" />}
      {preview && <Preview stream={preview} />}
      {preview && stats && (
        <div className="node-stats" data-testid="preview-stats">
          {stats.width > 0 ? `${stats.width}×${stats.height} · ${stats.fps} fps · ${stats.kbps} kb/s` : stats.state}
        </div>
      )}
      {state === 'error' && stateMessage && (
        <div className="node-problem" title={stateMessage} data-testid="node-error">
          ⚠ {stateMessage}
        </div>
      )}
      {problems && problems.length > 0 && (
        <div className="node-problem" title={problems.join('\n')}>
          ⚠ {problems[0]}
        </div>
      )}
    </div>
  );
}

export const ElementNodeComponent = memo(ElementNodeView);
