import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A file server on a free port of 127.0.0.1, which builds reach through host networking, counting
 * downloads per file name: the base of the test's apt repository and pip index.
 */
export abstract class LocalServer {
  private server: Server | undefined;
  protected port = 0;
  protected readonly counts = new Map<string, number>();

  protected abstract handle(request: IncomingMessage, response: ServerResponse): void;

  /** Counts one download of `name`. */
  protected counted(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Starts listening, once. */
  protected async listen(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** File name -> downloads, for every file served at least once. */
  downloadCounts(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // apt and pip keep connections alive; without this, close() would wait for them.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
