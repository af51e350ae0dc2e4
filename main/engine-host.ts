// Starts the engine host (app/host) in an Electron utilityProcess and hands MessagePorts to it.
// Main never reads RPC traffic: it creates a channel per renderer connection and steps aside.
import { MessageChannelMain, utilityProcess } from 'electron';
import type { MessagePortMain, UtilityProcess } from 'electron';
import type { HostStatus } from './desktop-api.ts';
import { decideRestart } from './host-restart-policy.ts';
import type { LogFile } from './log-file.ts';

export interface EngineHostOptions {
  /** app/host/entry.js */
  entry: string;
  args: string[];
  log: LogFile;
  onStatus(status: HostStatus): void;
}

/** The message main sends over parentPort with one port attached: serve RPC on it (app/host/host-messages.ts). */
const CONNECT_MESSAGE = { type: 'fluo:connect' } as const;

/** What the host posts back once: fluo:host-ready or fluo:host-error (app/host/host-messages.ts). */
function describeHostMessage(message: unknown): string {
  if (typeof message !== 'object' || message === null) return String(message);
  const { type, databasePath, kurentoUrl, message: text } = message as Record<string, unknown>;
  if (type === 'fluo:host-ready') return `ready (store ${String(databasePath)}${kurentoUrl ? `, Kurento ${String(kurentoUrl)}` : ''})`;
  if (type === 'fluo:host-error') return `failed to start: ${String(text)}`;
  return JSON.stringify(message);
}

export class EngineHost {
  private child: UtilityProcess | undefined;
  private generation = 0;
  private readonly crashTimes: number[] = [];
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Why the previous host stopped, reported with the next 'running' status. */
  private lastStopReason: string | undefined;

  constructor(private readonly options: EngineHostOptions) {}

  start(): void {
    this.generation += 1;
    const generation = this.generation;
    const child = utilityProcess.fork(this.options.entry, this.options.args, {
      serviceName: 'Fluo Engine',
      stdio: 'pipe',
      env: { ...process.env, FLUO_HOST: 'electron' },
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.options.log.write('info', `host: ${chunk.toString().trimEnd()}`));
    child.stderr?.on('data', (chunk: Buffer) => this.options.log.write('warn', `host: ${chunk.toString().trimEnd()}`));
    child.on('spawn', () => {
      this.options.log.write('info', `engine host ${generation} started (pid ${child.pid ?? '?'})`);
      const recovered = this.lastStopReason;
      this.lastStopReason = undefined;
      this.options.onStatus(recovered ? { state: 'running', generation, recovered: { reason: recovered } } : { state: 'running', generation });
    });
    child.on('message', (message: unknown) => {
      const text = describeHostMessage(message);
      this.options.log.write(text.startsWith('failed') ? 'error' : 'info', `engine host ${generation} ${text}`);
    });
    child.on('exit', (code) => this.onExit(child, generation, code));
  }

  /** A new RPC connection: one end to the host, the other returned for the renderer. */
  connect(): MessagePortMain {
    if (!this.child) throw new Error('engine host is not running (it is restarting or failed)');
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage(CONNECT_MESSAGE, [port1]);
    return port2;
  }

  stop(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.child?.kill();
    this.child = undefined;
  }

  private onExit(child: UtilityProcess, generation: number, code: number): void {
    if (this.child === child) this.child = undefined;
    if (this.stopping) return;
    const reason = `exit code ${code}`;
    this.lastStopReason = reason;
    this.options.log.write('error', `engine host ${generation} stopped: ${reason}`);
    const now = Date.now();
    this.crashTimes.push(now);
    const decision = decideRestart(this.crashTimes, now);
    if (!decision.restart) {
      this.options.onStatus({ state: 'failed', generation, reason });
      return;
    }
    this.options.onStatus({ state: 'restarting', generation, reason, delayMs: decision.delayMs });
    this.restartTimer = setTimeout(() => this.start(), decision.delayMs);
  }
}
