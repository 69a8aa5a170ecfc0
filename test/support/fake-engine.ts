import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the fake engine answers a build: as dockerd does when BuildKit accepts or rejects, or not at all. */
export type FakeAnswer = { readonly kind: 'accept' } | { readonly kind: 'reject'; readonly message: string } | { readonly kind: 'hang' } | { readonly kind: 'engine-error'; readonly message: string };

export interface FakeEngine {
  /** DOCKER_HOST for it. */
  readonly host: string;
  /** The Dockerfiles it was asked about, in order (the probe included). */
  readonly dockerfiles: string[];
  /** The build targets it was asked for. */
  readonly targets: string[];
  close(): Promise<void>;
}

/** The one file of a tar archive the way the CLI sends it: name in the header, size in octal at 124. */
function fileOfTar(tar: Buffer): { name: string; content: string } {
  const name = tar.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/s, ''), 8);
  return { name, content: tar.subarray(512, 512 + size).toString('utf8') };
}

/** dockerd's build answer: a progress message, then the error that ends the stream. */
function streamEnd(response: ServerResponse, error: string): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.write(`${JSON.stringify({ id: 'moby.buildkit.trace', aux: 'Cm8K' })}\n`);
  response.end(`${JSON.stringify({ errorDetail: { message: error }, error })}\n`);
}

/**
 * A tiny HTTP server on a unix socket under /tmp (or, with `tcp`, on 127.0.0.1) that answers /_ping and /build?version=2 like
 * dockerd with BuildKit 0.8: `answer` decides per Dockerfile. By default it rejects an unknown
 * mount option (so the probe finds mount options checked) and accepts everything else.
 */
export async function startFakeEngine(answer: (dockerfile: string) => FakeAnswer = defaultAnswer, { tcp = false } = {}): Promise<FakeEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-fake-engine-'));
  const socket = join(dir, 'docker.sock');
  const dockerfiles: string[] = [];
  const targets: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://engine');
      if (request.method === 'GET' && url.pathname === '/_ping') return void response.end('OK');
      if (request.method !== 'POST' || url.pathname !== '/build' || url.searchParams.get('version') !== '2') {
        response.writeHead(404, { 'Content-Type': 'application/json' });
        return void response.end(JSON.stringify({ message: `page not found: ${request.method} ${request.url}` }));
      }
      const target = url.searchParams.get('target') ?? '';
      const { name, content } = fileOfTar(Buffer.concat(chunks));
      if (name !== url.searchParams.get('dockerfile')) {
        response.writeHead(400, { 'Content-Type': 'application/json' });
        return void response.end(JSON.stringify({ message: `the context holds ${name}, the request names ${url.searchParams.get('dockerfile')}` }));
      }
      dockerfiles.push(content);
      targets.push(target);
      const verdict = answer(content);
      if (verdict.kind === 'hang') {
        // As dockerd does while it builds: progress, and no end yet.
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write(`${JSON.stringify({ id: 'moby.buildkit.trace', aux: 'Cm8K' })}\n`);
        return void hanging.add(response);
      }
      const llb = 'failed to solve with frontend dockerfile.v0: failed to create LLB definition: ';
      if (verdict.kind === 'accept') return streamEnd(response, `${llb}target stage ${target} could not be found`);
      if (verdict.kind === 'reject') return streamEnd(response, `${llb}${verdict.message}`);
      streamEnd(response, verdict.message);
    });
  });
  await new Promise<void>((resolve) => (tcp ? server.listen(0, '127.0.0.1', resolve) : server.listen(socket, resolve)));
  const address = server.address();
  return {
    host: tcp && typeof address === 'object' && address ? `tcp://127.0.0.1:${address.port}` : `unix://${socket}`,
    dockerfiles,
    targets,
    async close() {
      for (const response of hanging) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function defaultAnswer(dockerfile: string): FakeAnswer {
  const unknown = /--mount=\S*?\b(dockerfile-codemod-probe)=1/.exec(dockerfile);
  return unknown ? { kind: 'reject', message: `dockerfile parse error line 2: unexpected key '${unknown[1]}' in '${unknown[1]}=1'` } : { kind: 'accept' };
}
