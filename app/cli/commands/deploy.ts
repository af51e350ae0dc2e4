/**
 * `fluo deploy FILE --kms URL`: builds a pipeline document on a Kurento Protocol server (a
 * Kurento Media Server, or another Fluo) through the protocol alone, and prints the ids.
 *
 * Lifetime: Kurento keeps an object while some session holds it, and drops a session whose
 * socket has been gone for its grace period (KMS: two garbage-collector runs, 4 to 8 minutes;
 * Fluo: 240 s). So by default the pipeline outlives the command by that grace period, time for
 * an application to take its objects over by id (kurento-client `getMediaobjectById`: any
 * request on an object makes the caller's session a co-owner; as in KMS, an element nobody
 * holds is released even if its pipeline is held, so the application takes each one it needs).
 * With --keep-alive the command holds the session itself until Ctrl+C/SIGTERM, then releases
 * the pipeline: it lives exactly as long as the command.
 */
import { readDocument } from '../../document/validate.ts';
import { deployDocument, DeployError, fluoOnlyElements, type Deployment } from '../../deploy/deploy.ts';
import { KurentoClient, KurentoConnectionError, KurentoRequestError } from '../../deploy/kurento-client.ts';
import { CommandFailure, EXIT, UsageError, type CliCommand, type CliIo } from '../command.ts';
import { displayName, readInput } from '../files.ts';
import { reportProblems } from '../problems.ts';
import { table } from '../table.ts';
import { secondsOption, untilStopped } from '../until-stopped.ts';

const PING_INTERVAL_MS = 30_000;

function serverUrl(value: string | boolean | undefined): string {
  if (typeof value !== 'string') throw new UsageError('missing --kms URL (e.g. --kms ws://127.0.0.1:8888/kurento)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--kms must be a ws:// or wss:// URL such as ws://127.0.0.1:8888/kurento, got '${value}'`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new UsageError(`--kms must be a ws:// or wss:// URL such as ws://127.0.0.1:8888/kurento, got '${value}'`);
  return url.href;
}

function printDeployment(name: string, deployment: Deployment, io: CliIo): void {
  io.stdout(`Deployed "${name}" to ${deployment.url}\n`);
  io.stdout(`Pipeline ${deployment.pipelineId}\n`);
  io.stdout(table(['ELEMENT', 'TYPE', 'OBJECT ID'], deployment.elements.map((e) => [e.id, e.type, e.objectId])));
  io.stdout(`${deployment.connections} connection${deployment.connections === 1 ? '' : 's'}; session ${deployment.sessionId}\n`);
}

/** What went wrong talking to the server, as the user needs it. */
function failure(error: unknown): CommandFailure {
  if (error instanceof DeployError || error instanceof KurentoConnectionError || error instanceof KurentoRequestError) return new CommandFailure(error.message);
  throw error;
}

/** --keep-alive: holds the session (pinging, reconnecting with it after a drop) until a signal, then releases. */
async function holdSession(client: KurentoClient, deployment: Deployment, timeoutMs: number, io: CliIo): Promise<number> {
  io.stderr('Keeping the session alive; Ctrl+C releases the pipeline.\n');
  // One wait for the signals over the whole hold, reconnections included.
  const signalled = untilStopped();
  for (;;) {
    // A ping left unanswered means a dead link the socket may not notice: cut it and rejoin.
    const current = client;
    const pinger = setInterval(() => void current.request('ping', { interval: PING_INTERVAL_MS * 2 }).catch(() => current.drop()), PING_INTERVAL_MS);
    const reason = await Promise.race([signalled, client.lost.then(() => 'lost' as const)]);
    clearInterval(pinger);
    if (reason !== 'lost') {
      try {
        await client.release(deployment.pipelineId);
        io.stderr(`${reason}: released pipeline ${deployment.pipelineId}\n`);
      } catch (error) {
        throw failure(error);
      } finally {
        await client.close();
      }
      return EXIT.ok;
    }
    io.stderr(`Lost the connection to ${deployment.url}; reconnecting to session ${deployment.sessionId}...\n`);
    try {
      client = await KurentoClient.connect(deployment.url, { timeoutMs, sessionId: deployment.sessionId });
    } catch (error) {
      throw new CommandFailure(`could not rejoin session ${deployment.sessionId}: ${(error as Error).message}`);
    }
    io.stderr(`Rejoined session ${deployment.sessionId}.\n`);
  }
}

export const deployCommand: CliCommand = {
  name: 'deploy',
  summary: 'Build a pipeline document on a Kurento Media Server (or any Kurento Protocol server)',
  usage: 'FILE --kms URL [--keep-alive] [--timeout SECONDS] [--json]',
  description:
    'Validates FILE (or - for standard input), then creates its pipeline on the server at URL using only the\n' +
    'Kurento Protocol: the MediaPipeline, each element (hubs before their ports) named after its document id,\n' +
    'its properties, its connections. Prints the pipeline id and each element\'s object id.\n' +
    'Documents using Fluo-only elements (TestPatternEndpoint, CameraEndpoint, ...) are refused before the\n' +
    'server is contacted. If any step fails, the half-built pipeline is released.\n' +
    'Lifetime: Kurento releases objects of a session whose client has been gone for its grace period\n' +
    '(KMS: 4 to 8 minutes; Fluo: 240 s). Without --keep-alive the pipeline lasts that long after this command\n' +
    'exits: take the pipeline and each element you need over by id from your application (kurento-client\n' +
    'getMediaobjectById; --json lists every id). With --keep-alive this command holds the session until\n' +
    'Ctrl+C, then releases the pipeline.\n' +
    'Exit status: 0 deployed, 1 invalid document, Fluo-only elements, server unreachable or failed, 2 usage error.',
  options: [
    { name: 'kms', type: 'string', value: 'URL', description: 'Kurento Protocol server, e.g. ws://127.0.0.1:8888/kurento' },
    { name: 'keep-alive', type: 'boolean', description: 'Stay connected until Ctrl+C/SIGTERM, then release the pipeline' },
    { name: 'timeout', type: 'string', value: 'SECONDS', description: 'Wait this long for the server to connect and answer (default 10)' },
    { name: 'json', type: 'boolean', description: 'Print the result as JSON' },
  ],
  positionals: { min: 1, max: 1 },
  async run({ args, io }) {
    const url = serverUrl(args.options.kms);
    const timeoutMs = secondsOption(args.options.timeout, 'timeout') ?? 10_000;
    const file = args.positionals[0]!;
    const { document, problems } = readDocument(readInput(file, io));
    if (!document) {
      reportProblems(file, problems, io);
      io.stderr('Nothing was deployed.\n');
      return EXIT.failed;
    }
    const fluoOnly = fluoOnlyElements(document);
    if (fluoOnly.length > 0) {
      const list = fluoOnly.map((e) => `  ${e.id} (${e.type})\n`).join('');
      throw new CommandFailure(
        `${displayName(file)} uses ${fluoOnly.length === 1 ? 'an element' : 'elements'} only Fluo has, which a Kurento Media Server cannot create:\n${list}` +
          `Replace ${fluoOnly.length === 1 ? 'it with a Kurento element' : 'them with Kurento elements'} (e.g. a PlayerEndpoint for a test source) or run the document with \`fluo run\`. Nothing was deployed.`,
      );
    }
    let client: KurentoClient;
    let deployment: Deployment;
    try {
      client = await KurentoClient.connect(url, { timeoutMs });
    } catch (error) {
      throw failure(error);
    }
    try {
      deployment = await deployDocument(client, document);
    } catch (error) {
      await client.close();
      throw failure(error);
    }
    if (args.options.json) io.stdout(`${JSON.stringify({ name: document.metadata.name, ...deployment }, null, 2)}\n`);
    else printDeployment(document.metadata.name, deployment, io);
    if (args.options['keep-alive'] === true) return await holdSession(client, deployment, timeoutMs, io);
    await client.close();
    io.stderr(
      `The server keeps this pipeline for its session grace period after this command exits (Kurento: 4 to 8 minutes):\n` +
        `take the pipeline and its elements over by id from your application (kurento-client getMediaobjectById), or deploy with --keep-alive.\n`,
    );
    return EXIT.ok;
  },
};
