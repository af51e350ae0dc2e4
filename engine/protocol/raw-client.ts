/**
 * A bare JSON-RPC client over a real WebSocket: sends exact frames and collects exact answers.
 * Used by the protocol tests, the fuzz test and the benchmark (the official client hides the wire).
 */
import { WebSocket } from 'ws';

export interface RawResponse {
  id: number | string | null;
  jsonrpc: string;
  result?: Record<string, unknown> & { value?: unknown; sessionId?: string };
  error?: { code: number; message: string; data?: { type: string } };
}

export interface OnEvent {
  jsonrpc: string;
  method: 'onEvent';
  params: { value: { data: Record<string, unknown>; object: string; type: string } };
}

export class RawClient {
  private nextId = 1;
  private readonly pending = new Map<number | string, (response: RawResponse) => void>();
  /** Responses with `"id":null` and notifications, in arrival order. */
  readonly unmatched: RawResponse[] = [];
  readonly events: OnEvent[] = [];
  private readonly eventWaiters: Array<() => void> = [];
  sessionId: string | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as RawResponse | OnEvent;
      if ('method' in message) {
        this.events.push(message);
        for (const wake of this.eventWaiters.splice(0)) wake();
        return;
      }
      const resolve = message.id === null ? undefined : this.pending.get(message.id);
      if (resolve && message.id !== null) {
        this.pending.delete(message.id);
        resolve(message);
      } else this.unmatched.push(message);
    });
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    });
    return new RawClient(socket);
  }

  /** Sends a request with the client's session id (unless params say otherwise) and waits for its answer. */
  async request(method: string, params?: Record<string, unknown> | null, options: { withSession?: boolean } = {}): Promise<RawResponse> {
    const withSession = options.withSession ?? true;
    const body = params === null ? null : { ...(withSession && this.sessionId ? { sessionId: this.sessionId } : {}), ...params };
    const response = await this.sendRaw({ jsonrpc: '2.0', id: this.nextId++, method, params: body });
    const sid = response.result?.sessionId;
    if (typeof sid === 'string') this.sessionId = sid;
    return response;
  }

  /** Like request(), but throws on an error response and returns result.value. */
  async call(method: string, params?: Record<string, unknown>): Promise<unknown> {
    const response = await this.request(method, params);
    if (response.error) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`);
    return response.result?.value;
  }

  /** Sends any JSON object (its `id` is used to match the answer). */
  sendRaw(message: Record<string, unknown>): Promise<RawResponse> {
    const id = message.id as number | string;
    const answer = new Promise<RawResponse>((resolve) => this.pending.set(id, resolve));
    this.socket.send(JSON.stringify(message));
    return answer;
  }

  /** Sends a frame whose answer (if any) will not carry a usable id. */
  sendText(text: string): void {
    this.socket.send(text);
  }

  async nextUnmatched(): Promise<RawResponse> {
    while (this.unmatched.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.unmatched.shift()!;
  }

  async waitForEvent(predicate: (event: OnEvent) => boolean): Promise<OnEvent> {
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => this.eventWaiters.push(resolve));
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }
}
