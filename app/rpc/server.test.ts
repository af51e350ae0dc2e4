import { describe, expect, it } from 'vitest';
import { MediaError } from '../../engine/index.ts';
import type { StudioApi } from './api.ts';
import { RpcErrorCode, type RpcResponse } from './protocol.ts';
import { RpcServer } from './server.ts';

/** Handlers for a few methods, enough to exercise dispatch; the Studio is tested on its own. */
function api(): StudioApi {
  const handlers: Partial<StudioApi> = {
    'graphs.revisions': ({ graph }) => [{ revision: 1, createdAt: '2026-01-01T00:00:00.000Z', message: graph, bytes: 2 }],
    'graphs.delete': ({ graph }) => {
      throw Object.assign(new Error(`No graph '${graph}'`), { name: 'StoreError', code: 'NOT_FOUND' });
    },
    'elements.invoke': () => {
      throw new MediaError('MEDIA_OBJECT_METHOD_NOT_FOUND', "PlayerEndpoint 'p' has no method 'fly'");
    },
    'runs.stop': () => {
      throw new TypeError('boom');
    },
  };
  return handlers as StudioApi;
}

const context = { connectionId: 'test' };

async function call(server: RpcServer, method: string, params?: unknown): Promise<RpcResponse> {
  const response = await server.handle({ jsonrpc: '2.0', id: 7, method, params }, context);
  if (!response) throw new Error('no response');
  return response;
}

function errorOf(response: RpcResponse) {
  if (!('error' in response)) throw new Error(`expected an error, got ${JSON.stringify(response)}`);
  return response.error;
}

describe('RpcServer dispatch', () => {
  it('runs a valid call and echoes the id', async () => {
    const response = await call(new RpcServer(api()), 'graphs.revisions', { graph: 'Demo' });
    expect(response).toEqual({ jsonrpc: '2.0', id: 7, result: [{ revision: 1, createdAt: '2026-01-01T00:00:00.000Z', message: 'Demo', bytes: 2 }] });
  });

  it('accepts JSON text as well as objects', async () => {
    const server = new RpcServer(api());
    const response = await server.handle(JSON.stringify({ jsonrpc: '2.0', id: 'a', method: 'graphs.revisions', params: { graph: 'x' } }), context);
    expect(response && 'result' in response && response.id).toBe('a');
  });

  it('refuses unknown methods', async () => {
    const error = errorOf(await call(new RpcServer(api()), 'graphs.explode', {}));
    expect(error.code).toBe(RpcErrorCode.METHOD_NOT_FOUND);
    expect(error.message).toContain("'graphs.explode'");
  });

  it('refuses missing, unknown and mistyped params before the handler runs', async () => {
    const server = new RpcServer(api());
    const missing = errorOf(await call(server, 'graphs.revisions', {}));
    expect(missing.code).toBe(RpcErrorCode.INVALID_PARAMS);
    expect(missing.data?.problems).toEqual(["'graph' is required"]);

    const unknown = errorOf(await call(server, 'graphs.revisions', { graph: 'a', grpah: 'b' }));
    expect(unknown.message).toContain("unknown param 'grpah'");

    const mistyped = errorOf(await call(server, 'graphs.restore', { graph: 'a', revision: 0 }));
    expect(mistyped.data?.problems).toEqual(["'revision' must be a revision number (an integer from 1)"]);

    const notObject = errorOf(await call(server, 'graphs.list', [1, 2]));
    expect(notObject.message).toContain('params must be an object');

    const notSdp = errorOf(await call(server, 'preview.offer', { runId: 'r', element: 'e', offer: 'hello' }));
    expect(notSdp.data?.problems).toEqual(["'offer' must be an SDP offer (text starting with 'v=')"]);

    const badCandidate = errorOf(await call(server, 'preview.addIceCandidate', { previewId: 'p', candidate: { candidate: 1 } }));
    expect(badCandidate.message).toContain("'candidate' must be an ICE candidate");
  });

  it('keeps the symbolic type of store and engine errors', async () => {
    const server = new RpcServer(api());
    const store = errorOf(await call(server, 'graphs.delete', { graph: 'nope' }));
    expect(store).toEqual({ code: RpcErrorCode.APP_ERROR, message: "No graph 'nope'", data: { type: 'NOT_FOUND' } });
    const engine = errorOf(await call(server, 'elements.invoke', { runId: 'r', element: 'p', method: 'fly' }));
    expect(engine).toEqual({ code: 40105, message: "PlayerEndpoint 'p' has no method 'fly'", data: { type: 'MEDIA_OBJECT_METHOD_NOT_FOUND' } });
    const internal = errorOf(await call(server, 'runs.stop', { runId: 'r' }));
    expect(internal).toEqual({ code: RpcErrorCode.INTERNAL_ERROR, message: 'boom', data: { type: 'TypeError' } });
  });

  it('answers malformed messages with id null', async () => {
    const server = new RpcServer(api());
    const parse = await server.handle('{"jsonrpc":', context);
    expect(parse && errorOf(parse).code).toBe(RpcErrorCode.PARSE_ERROR);
    expect(parse?.id).toBeNull();
    const batch = await server.handle([{ jsonrpc: '2.0', id: 1, method: 'graphs.list' }], context);
    expect(batch && errorOf(batch).code).toBe(RpcErrorCode.INVALID_REQUEST);
    const badId = await server.handle({ jsonrpc: '2.0', id: { x: 1 }, method: 'graphs.list' }, context);
    expect(badId && errorOf(badId).code).toBe(RpcErrorCode.INVALID_REQUEST);
  });

  it('sends nothing back for a notification (no id)', async () => {
    const server = new RpcServer(api());
    expect(await server.handle({ jsonrpc: '2.0', method: 'graphs.revisions', params: { graph: 'x' } }, context)).toBeUndefined();
  });

  it('broadcasts notifications to every open connection and tells when one closes', async () => {
    const server = new RpcServer(api());
    const received: string[] = [];
    const closed: string[] = [];
    server.onConnectionClosed((id) => closed.push(id));
    const a = server.connect((m) => received.push(`a:${JSON.stringify(m)}`));
    server.connect(() => {
      throw new Error('dead transport');
    });
    const c = server.connect((m) => received.push(`c:${'method' in m ? m.method : ''}`));
    c.close();
    server.notify('event', { kind: 'graphs-changed', time: 't' });
    expect(received).toEqual([`a:${JSON.stringify({ jsonrpc: '2.0', method: 'event', params: { kind: 'graphs-changed', time: 't' } })}`]);
    expect(closed).toEqual([c.id]);
    expect(server.connectionCount).toBe(2);
    a.close();
  });
});
