/** The pipeline document: the saved, exported and imported form of a graph (`fluo.pipeline` v1). */
import type { MediaType } from '../../engine/index.ts';

export const DOCUMENT_FORMAT = 'fluo.pipeline';
export const DOCUMENT_VERSION = 1;

export interface PipelineDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  /** Free-form description of the graph. */
  metadata: DocumentMetadata;
  elements: DocumentElement[];
  connections: DocumentConnection[];
}

export interface DocumentMetadata {
  name: string;
  description?: string;
  /** ISO 8601 times; set by whoever writes the document. */
  createdAt?: string;
  updatedAt?: string;
  [key: string]: unknown;
}

export interface DocumentElement {
  /** Unique within the document; connections refer to it. Letters, digits, '-', '_'. */
  id: string;
  /** A creatable catalog type, e.g. 'WebRtcEndpoint'. */
  type: string;
  /** Constructor params (without mediaPipeline; a HubPort names its hub's element id in `hub`). */
  params?: Record<string, unknown>;
  /** Writable properties to set after creation. */
  properties?: Record<string, unknown>;
  /** Where the editor draws the node. */
  position?: { x: number; y: number };
  /** Label shown on the node; defaults to the id. */
  label?: string;
  /**
   * Catalog methods called in order once the pipeline runs (Kurento configures some elements
   * only by method, e.g. FaceOverlayFilter.setOverlayedImage). Object arguments name element ids.
   */
  calls?: DocumentCall[];
}

export interface DocumentCall {
  method: string;
  params?: Record<string, unknown>;
}

export interface DocumentConnection {
  /** Source element id. */
  from: string;
  /** Sink element id. */
  to: string;
  /** Omitted: every media type both pads carry (Kurento's connect without a media type). */
  mediaType?: MediaType;
  /** Pad names (Kurento media descriptions); omitted = 'default'. */
  fromPad?: string;
  toPad?: string;
}

/** One problem found in a document: where (RFC 6901 JSON Pointer) and what, in plain words. */
export interface DocumentProblem {
  path: string;
  message: string;
  /** 1-based, when the problem can be placed in the source text. */
  line?: number;
  column?: number;
}
