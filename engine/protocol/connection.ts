/**
 * One WebSocket: frames in, JSON-RPC envelopes checked (PROTOCOL.md §2, §7), requests run in
 * arrival order, responses and events out. Nothing a client sends can throw out of here.
 */
import { isPlainObject } from '../catalog/values.ts';
import { dispatch, type ConnectionState, type DispatchContext } from './dispatch.ts';
import type { Session } from './sessions.ts';
import { errorResponse, ProtocolError, type JsonRpcResponse, type RequestId } from './wire.ts';

export interface SocketLike {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Stop / restart reading frames: backpressure for a client that sends faster than we answer. */
  pause(): void;
  resume(): void;
  readonly bufferedAmount: number;
  readonly readyState: number;
}

const OPEN = 1;
/** Requests waiting on one socket before it stops being read, and when reading resumes. */
const PAUSE_AT = 256;
const RESUME_AT = 32;

export interface ConnectionLimits {
  maxMessageBytes: number;
  /** A client that stops reading is cut off rather than buffering events without bound. */
  maxBufferedBytes: number;
}

export class Connection implements ConnectionState {
  session: Session | undefined;
  /** Requests run one after another, as Kurento answers them in order. */
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;
  private paused = false;

  constructor(
    private readonly socket: SocketLike,
    private readonly context: DispatchContext,
    private readonly limits: ConnectionLimits,
  ) {}

  send(text: string): void {
    if (this.socket.readyState !== OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.socket.close(1008, 'Client is not reading its messages');
      return;
    }
    this.socket.send(text);
  }

  private reply(response: JsonRpcResponse): void {
    let text: string;
    try {
      text = JSON.stringify(response);
    } catch (error) {
      // A value that cannot be written as JSON is the engine's fault; the client still gets an answer.
      text = JSON.stringify(errorResponse(response.id, new Error(`the result could not be written as JSON (${(error as Error).message})`)));
    }
    this.send(text);
  }

  /** A text frame arrived. Pings are answered at once; everything else in arrival order. */
  receive(text: string): void {
    const envelope = parse(text, this.limits.maxMessageBytes);
    if (envelope instanceof ProtocolError) return this.reply(errorResponse(null, envelope));
    if (envelope.method === 'ping') {
      void this.run(envelope);
      return;
    }
    this.waiting++;
    if (this.waiting >= PAUSE_AT && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    this.queue = this.queue.then(async () => {
      await this.run(envelope);
      this.waiting--;
      if (this.paused && this.waiting <= RESUME_AT) {
        this.paused = false;
        this.socket.resume();
      }
    });
  }

  private async run({ id, method, params }: Envelope): Promise<void> {
    try {
      const response = await dispatch(this.context, this, id, method, params);
      if (id !== null) return this.reply(response);
      // A notification: answered only when it failed or produced a value nobody will read.
      if ('error' in response) return this.reply(response);
      const value = response.result.value;
      if (value !== undefined && value !== null) {
        this.reply(errorResponse(null, new ProtocolError('NOTIFICATION_WITH_RESULT', `Ignoring response because of a notification request (${method})`)));
      }
    } catch (error) {
      // dispatch() answers every failure itself; reaching here means a bug, not a client error.
      console.error('kurento protocol: unexpected failure handling a message', error);
    }
  }
}

interface Envelope {
  id: RequestId;
  method: string;
  params: unknown;
}

function parse(text: string, maxBytes: number): Envelope | ProtocolError {
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) return new ProtocolError('INVALID_REQUEST', `Message of ${bytes} bytes exceeds the limit of ${maxBytes} bytes`);
  try {
    return checkEnvelope(JSON.parse(text));
  } catch (error) {
    return new ProtocolError('PARSE_ERROR', `Parse error: ${(error as Error).message}`);
  }
}

function checkEnvelope(message: unknown): Envelope | ProtocolError {
  if (Array.isArray(message)) return new ProtocolError('INVALID_REQUEST', 'Invalid JSON-RPC request: batches are not supported');
  if (!isPlainObject(message)) return new ProtocolError('INVALID_REQUEST', 'Invalid JSON-RPC request: the message must be an object');
  if (message.jsonrpc !== '2.0') return new ProtocolError('INVALID_REQUEST', "Invalid JSON-RPC request: 'jsonrpc' must be \"2.0\"");
  if (typeof message.method !== 'string') return new ProtocolError('INVALID_REQUEST', "Invalid JSON-RPC request: 'method' must be a string");
  const id = message.id ?? null;
  if (id !== null && typeof id !== 'number' && typeof id !== 'string') {
    return new ProtocolError('INVALID_REQUEST', "Invalid JSON-RPC request: 'id' must be a number or a string");
  }
  return { id, method: message.method, params: message.params };
}
