/**
 * A small Kurento Protocol client (JSON-RPC 2.0 over WebSocket, shared/kurento/PROTOCOL.md):
 * enough to build pipelines on any Kurento Protocol server, Fluo's own or a Kurento Media
 * Server. It keeps the session id the server hands out, answers every request or fails it
 * after a timeout, and turns error responses into KurentoRequestError with Kurento's code.
 */
import { WebSocket } from 'ws';

export interface KurentoClientOptions {
  /** How long to wait for the socket to open and for each answer (default 10 s). */
  timeoutMs?: number;
  /** Join this session instead of getting a new one. */
  sessionId?: string;
}

/** The server answered a request with a JSON-RPC error object. */
export class KurentoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly serverMessage: string,
    readonly type: string | undefined,
  ) {
    super(`${method}: ${serverMessage} (${type ? `${type}, ` : ''}code ${code})`);
  }
}

/** The server could not be reached, stopped answering, or closed the socket. */
export class KurentoConnectionError extends Error {}

interface Pending {
  method: string;
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Answer {
  id?: number | string | null;
  result?: Record<string, unknown> | null;
  error?: { code: number; message: string; data?: { type?: string } };
  method?: string;
}

export class KurentoClient {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  /** Why the socket is gone, once it is. */
  private closeReason: string | undefined;
  private onClosed: (reason: string) => void = () => undefined;
  /** Resolves with the reason once the socket is gone (closed by either side or failed). */
  readonly lost = new Promise<string>((resolve) => (this.onClosed = resolve));
  sessionId: string | undefined;

  private constructor(
    readonly url: string,
    private readonly socket: WebSocket,
    private readonly timeoutMs: number,
  ) {
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', (code, reason) => this.failAll(`the server closed the connection (${code}${reason.length > 0 ? ` ${String(reason)}` : ''})`));
    socket.on('error', (error) => this.failAll(error.message));
  }

  /** Opens the socket and checks the server answers `ping`; joins `sessionId` when given. */
  static async connect(url: string, options: KurentoClientOptions = {}): Promise<KurentoClient> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const socket = await openSocket(url, timeoutMs);
    const client = new KurentoClient(url, socket, timeoutMs);
    try {
      await client.request('ping', { interval: timeoutMs * 2 });
    } catch (error) {
      await client.close();
      // E.g. a server that accepts the socket on any path and closes it (1002 Invalid path).
      throw new KurentoConnectionError(`cannot reach a Kurento Protocol server at ${url}: ${client.closeReason ?? (error as Error).message}`);
    }
    try {
      if (options.sessionId !== undefined) await client.request('connect', { sessionId: options.sessionId });
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one request with the session id and resolves with its `result`. */
  request(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    // A closing socket says why once it is closed.
    if (!this.isOpen) return this.lost.then((reason) => Promise.reject(new KurentoConnectionError(`${method}: ${reason}`)));
    const id = this.nextId++;
    const body = { jsonrpc: '2.0', id, method, params: { ...(this.sessionId !== undefined && { sessionId: this.sessionId }), ...params } };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new KurentoConnectionError(`${method}: no answer from ${this.url} within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.socket.send(JSON.stringify(body));
    });
  }

  async create(type: string, constructorParams: Record<string, unknown>): Promise<string> {
    const result = await this.request('create', { type, constructorParams, properties: {} });
    return expectString(result.value, `create ${type}`);
  }

  async invoke(object: string, operation: string, operationParams: Record<string, unknown> = {}): Promise<unknown> {
    return (await this.request('invoke', { object, operation, operationParams })).value;
  }

  async release(object: string): Promise<void> {
    await this.request('release', { object });
  }

  /** Cuts the socket at once (a server that stopped answering); `lost` resolves. */
  drop(): void {
    this.socket.terminate();
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }

  private onMessage(text: string): void {
    let answer: Answer;
    try {
      answer = JSON.parse(text) as Answer;
    } catch {
      return; // Not ours to answer; a broken frame fails nothing we wait for.
    }
    if (answer.method !== undefined || typeof answer.id !== 'number') return; // onEvent notifications are not used here.
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    clearTimeout(pending.timer);
    if (answer.error) {
      pending.reject(new KurentoRequestError(pending.method, answer.error.code, answer.error.message, answer.error.data?.type));
      return;
    }
    const result = answer.result ?? {};
    if (typeof result.sessionId === 'string') this.sessionId = result.sessionId;
    pending.resolve(result);
  }

  private failAll(reason: string): void {
    this.closed = true;
    this.closeReason ??= reason;
    this.onClosed(reason);
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new KurentoConnectionError(`${pending.method}: ${reason}`));
    }
  }
}

function openSocket(url: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const fail = (message: string) => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      reject(new KurentoConnectionError(`cannot reach a Kurento Protocol server at ${url}: ${message}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.once('open', () => {
      clearTimeout(timer);
      socket.removeAllListeners();
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(error.code === 'ECONNREFUSED' ? 'connection refused' : error.code === 'ENOTFOUND' ? 'unknown host' : error.message);
    });
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      fail(`HTTP ${response.statusCode ?? '?'} instead of a WebSocket (is the path right, e.g. /kurento?)`);
    });
  });
}

function expectString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new KurentoConnectionError(`${what}: the server answered without an object id`);
  return value;
}
