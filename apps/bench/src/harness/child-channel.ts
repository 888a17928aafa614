import { type ChildProcess, fork } from 'node:child_process';
import type { Envelope } from './receiver-protocol.js';

/**
 * A forked helper process (receiver, raw consumer) spoken to by request/answer over IPC.
 * The helpers exit when the channel closes, so they never outlive the bench.
 */
export class ChildChannel<Request, Answer> {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  private readonly ready: Promise<void>;

  constructor(
    readonly child: ChildProcess,
    private readonly name: string,
  ) {
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    child.on('message', (message: Envelope<Answer>) => {
      if (message.id === 0) return markReady();
      this.waiting.get(message.id)?.(message.body);
      this.waiting.delete(message.id);
    });
  }

  static async start<Request, Answer>(
    name: string,
    modulePath: string,
    args: string[] = [],
  ): Promise<ChildChannel<Request, Answer>> {
    const child = fork(modulePath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const channel = new ChildChannel<Request, Answer>(child, name);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`))),
    );
    exited.catch(() => {});
    await Promise.race([channel.ready, exited]);
    return channel;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request(body: Request, timeoutMs = 30_000): Promise<Answer> {
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.child.send({ id, body });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
