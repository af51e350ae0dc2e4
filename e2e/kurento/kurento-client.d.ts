/** The parts of the official kurento-client (plain JS, no bundled types) the e2e tests use. */
declare module 'kurento-client' {
  /** A remote object proxy: every Kurento method and getX/setX is a promise-returning function. */
  export interface RemoteObject {
    readonly id: string;
    on(event: string, listener: (data: Record<string, unknown>) => void): this;
    removeListener(event: string, listener: (data: Record<string, unknown>) => void): this;
    release(): Promise<void>;
    [operation: string]: unknown;
  }

  export interface KurentoClient {
    readonly sessionId: string;
    create(type: string, params?: Record<string, unknown>): Promise<RemoteObject>;
    getMediaobjectById(id: string): Promise<RemoteObject>;
    getServerManager(): Promise<RemoteObject>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    once(event: string, listener: (...args: unknown[]) => void): this;
    close(): void;
  }

  export interface KurentoClientOptions {
    strict?: boolean;
    failAfter?: number;
    request_timeout?: number;
    useImplicitTransactions?: boolean;
  }

  function kurentoClient(wsUri: string, options?: KurentoClientOptions): Promise<KurentoClient>;
  namespace kurentoClient {
    /** A complex type's constructor, e.g. getComplexType('IceCandidate')(json) as the tutorials do. */
    function getComplexType(name: string): (value: Record<string, unknown>) => Record<string, unknown>;
  }
  export default kurentoClient;
}
