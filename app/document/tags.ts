/**
 * Tag keys under which a running pipeline keeps what its document says and the engine has no
 * place for. Tags are Kurento's own key/value mechanism, so they also survive a trip through
 * the Kurento Protocol. The pipeline holds the document-level ones, each element its own.
 */
export const TAGS = {
  label: 'fluo.label',
  position: 'fluo.position',
  /** Constructor params as written (the engine consumes them at creation). */
  params: 'fluo.params',
  /** Names of properties the document set, exported even when equal to their default. */
  properties: 'fluo.properties',
  /** Method calls made when the pipeline runs, as written. */
  calls: 'fluo.calls',
  metadata: 'fluo.metadata',
  /** Document element order. */
  order: 'fluo.elements',
  /** The connections as written (with or without mediaType), used while they still match. */
  connections: 'fluo.connections',
} as const;
