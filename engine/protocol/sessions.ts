/**
 * Kurento sessions: who holds which objects, which events go where, and when a session that
 * lost its socket is given up. Objects belong to every session that created or used them;
 * when the last of those sessions is dropped (after the grace period) the objects are released.
 */
import { randomUUID } from 'node:crypto';
import type { MediaEvent } from '../index.ts';
import { eventNotificationText } from './events.ts';
import type { ObjectRegistry } from './object-registry.ts';
import type { RemoteObject } from './operations.ts';
import { ProtocolError, type JsonRpcResponse, type RequestId } from './wire.ts';

/** Where a session's events go: the socket it is currently associated with. */
export interface EventSink {
  send(text: string): void;
}

export interface SessionLimits {
  maxSessions: number;
  maxObjectsPerSession: number;
  maxSubscriptionsPerSession: number;
  /** How long a session without a socket keeps its objects. */
  sessionGraceMs: number;
  /** How long a response is kept to answer a retransmitted request (Kurento: 20 s). */
  requestCacheMs: number;
}

/** One (object, event type) listener shared by every subscription of the session to it. */
interface Handler {
  objectId: string;
  stop: () => void;
  subscriptionIds: Set<string>;
}

interface CachedResponse {
  fingerprint: string;
  response: JsonRpcResponse;
  expires: number;
  bytes: number;
}

/** Bounds on the retransmission cache of one session (large answers, e.g. SDP, count by size). */
const MAX_CACHED_RESPONSES = 256;
const MAX_CACHED_BYTES = 1024 * 1024;

export class Session {
  readonly refs = new Set<string>();
  readonly created = new Set<string>();
  readonly subscriptions = new Map<string, string>();
  readonly handlers = new Map<string, Handler>();
  private readonly cache = new Map<string, CachedResponse>();
  private cachedBytes = 0;
  connection: EventSink | undefined;
  graceTimer: NodeJS.Timeout | undefined;

  constructor(readonly id: string) {}

  cachedResponse(id: RequestId, fingerprint: string): JsonRpcResponse | undefined {
    const hit = this.cache.get(`${typeof id}:${String(id)}`);
    if (!hit || hit.expires < Date.now() || hit.fingerprint !== fingerprint) return undefined;
    return hit.response;
  }

  rememberResponse(id: RequestId, fingerprint: string, response: JsonRpcResponse, ttlMs: number): void {
    if (ttlMs <= 0) return;
    const bytes = fingerprint.length + JSON.stringify(response).length;
    if (bytes > MAX_CACHED_BYTES / 4) return;
    const now = Date.now();
    const key = `${typeof id}:${String(id)}`;
    this.forget(key);
    // Oldest first (Map order): drop expired entries, then as many as the bounds need.
    for (const [old, entry] of this.cache) {
      const full = this.cache.size >= MAX_CACHED_RESPONSES || this.cachedBytes + bytes > MAX_CACHED_BYTES;
      if (entry.expires >= now && !full) break;
      this.forget(old);
    }
    this.cache.set(key, { fingerprint, response, expires: now + ttlMs, bytes });
    this.cachedBytes += bytes;
  }

  private forget(key: string): void {
    const entry = this.cache.get(key);
    if (!entry) return;
    this.cache.delete(key);
    this.cachedBytes -= entry.bytes;
  }
}

/** Sends an event to the session's socket; never throws into the element that raised it. */
function deliver(session: Session, objectId: string, type: string, event: MediaEvent): void {
  const connection = session.connection;
  if (!connection) return;
  try {
    connection.send(eventNotificationText(objectId, type, event));
  } catch (error) {
    console.error(`kurento protocol: could not deliver ${type} of ${objectId}`, error);
  }
}

export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  /** Object id → ids of the sessions holding it. */
  private readonly owners = new Map<string, Set<string>>();

  constructor(
    private readonly registry: ObjectRegistry,
    private readonly limits: SessionLimits,
  ) {}

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  get size(): number {
    return this.sessions.size;
  }

  /** A new session, or one adopting an id a client already uses (as Kurento does). */
  open(id: string = randomUUID()): Session {
    const existing = this.sessions.get(id);
    if (existing) return existing;
    if (this.sessions.size >= this.limits.maxSessions) {
      throw new ProtocolError('NOT_ENOUGH_RESOURCES', `Too many sessions (limit ${this.limits.maxSessions})`);
    }
    const session = new Session(id);
    this.sessions.set(id, session);
    return session;
  }

  /** Events of the session now go to this connection; a pending release is called off. */
  attach(session: Session, connection: EventSink): void {
    session.connection = connection;
    clearTimeout(session.graceTimer);
    session.graceTimer = undefined;
  }

  /** A socket closed: its sessions start their grace period. */
  detach(connection: EventSink): void {
    for (const session of this.sessions.values()) {
      if (session.connection !== connection) continue;
      session.connection = undefined;
      clearTimeout(session.graceTimer);
      session.graceTimer = setTimeout(() => this.drop(session, true), this.limits.sessionGraceMs);
      session.graceTimer.unref();
    }
  }

  ref(session: Session, objectId: string): void {
    session.refs.add(objectId);
    const set = this.owners.get(objectId) ?? new Set<string>();
    this.owners.set(objectId, set);
    set.add(session.id);
  }

  unref(session: Session, objectId: string): void {
    session.refs.delete(objectId);
    this.owners.get(objectId)?.delete(session.id);
  }

  assertCanCreate(session: Session): void {
    if (session.created.size >= this.limits.maxObjectsPerSession) {
      throw new ProtocolError('NOT_ENOUGH_RESOURCES', `Session ${session.id} already holds ${session.created.size} objects (limit ${this.limits.maxObjectsPerSession})`);
    }
  }

  noteCreated(session: Session, objectId: string): void {
    session.created.add(objectId);
    this.ref(session, objectId);
  }

  subscribe(session: Session, object: RemoteObject, type: string): string {
    if (session.subscriptions.size >= this.limits.maxSubscriptionsPerSession) {
      throw new ProtocolError('NOT_ENOUGH_RESOURCES', `Session ${session.id} already has ${session.subscriptions.size} subscriptions (limit ${this.limits.maxSubscriptionsPerSession})`);
    }
    const key = `${object.id}\n${type}`;
    let handler = session.handlers.get(key);
    if (!handler) {
      const objectId = object.id;
      const stop = object.on(type, (event: MediaEvent) => deliver(session, objectId, type, event));
      handler = { objectId, stop, subscriptionIds: new Set() };
      session.handlers.set(key, handler);
    }
    const subscriptionId = randomUUID();
    handler.subscriptionIds.add(subscriptionId);
    session.subscriptions.set(subscriptionId, key);
    this.ref(session, object.id);
    return subscriptionId;
  }

  unsubscribe(session: Session, subscriptionId: string): void {
    const key = session.subscriptions.get(subscriptionId);
    if (key === undefined) return;
    session.subscriptions.delete(subscriptionId);
    const handler = session.handlers.get(key);
    if (!handler) return;
    handler.subscriptionIds.delete(subscriptionId);
    if (handler.subscriptionIds.size === 0) {
      handler.stop();
      session.handlers.delete(key);
    }
  }

  /** Objects that were released: no session holds them or listens to them any more. */
  forgetObjects(ids: string[]): void {
    for (const id of ids) {
      for (const sessionId of this.owners.get(id) ?? []) {
        const session = this.sessions.get(sessionId);
        if (session) this.forgetIn(session, id);
      }
      this.owners.delete(id);
    }
  }

  private forgetIn(session: Session, objectId: string): void {
    session.refs.delete(objectId);
    session.created.delete(objectId);
    for (const [key, handler] of session.handlers) {
      if (handler.objectId !== objectId) continue;
      handler.stop();
      for (const subscriptionId of handler.subscriptionIds) session.subscriptions.delete(subscriptionId);
      session.handlers.delete(key);
    }
  }

  /**
   * Ends a session: its subscriptions stop and, with `releaseObjects`, every object no other
   * session holds is released (a pipeline stays while another session holds something in it).
   */
  drop(session: Session, releaseObjects: boolean): void {
    if (this.sessions.get(session.id) !== session) return;
    clearTimeout(session.graceTimer);
    this.sessions.delete(session.id);
    for (const handler of session.handlers.values()) handler.stop();
    session.handlers.clear();
    session.subscriptions.clear();
    const orphans: string[] = [];
    for (const id of session.refs) {
      const owners = this.owners.get(id);
      owners?.delete(session.id);
      if (!owners || owners.size === 0) {
        this.owners.delete(id);
        orphans.push(id);
      }
    }
    session.refs.clear();
    session.created.clear();
    if (releaseObjects) this.releaseOrphans(orphans);
  }

  private releaseOrphans(ids: string[]): void {
    for (const id of ids.filter((i) => i.includes('/'))) this.releaseIfAlive(id);
    // Then every pipeline nobody holds, nor anything in it: this session's, and any kept
    // earlier only because another session held one of its elements.
    for (const id of this.registry.pipelineIds()) {
      if (this.owners.get(id)?.size) continue;
      const heldInside = [...this.owners.entries()].some(([held, owners]) => owners.size > 0 && held.startsWith(`${id}/`));
      if (!heldInside) this.releaseIfAlive(id);
    }
  }

  private releaseIfAlive(id: string): void {
    if (!this.registry.findMediaObject(id)) return;
    this.forgetObjects(this.registry.release(id));
  }

  dropAll(): void {
    for (const session of [...this.sessions.values()]) this.drop(session, false);
    this.owners.clear();
  }

  subscriptionCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) count += session.subscriptions.size;
    return count;
  }
}
