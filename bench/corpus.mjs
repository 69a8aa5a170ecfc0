// Generates a deterministic corpus of realistic Dockerfiles in a monorepo-like tree, for the
// benchmark: multi-stage builds, long RUN chains with continuations and comments, heredocs,
// exec form, several package managers, some already migrated, ~10% CRLF, a few BOMs and
// backtick-escaped files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** mulberry32: a small seeded PRNG, so every run benchmarks the same files. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'identity', 'data', 'platform', 'mobile', 'growth', 'infra'];
const NAMES = ['Dockerfile', 'Dockerfile', 'Dockerfile', 'Dockerfile.prod', 'build.dockerfile', 'Containerfile'];

function pick(next, list) {
  return list[Math.floor(next() * list.length)];
}

function aptChain(next, escape) {
  const packages = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'gnupg', 'unzip', 'jq', 'openssh-client'];
  const chosen = packages.filter(() => next() < 0.5);
  const lines = [`RUN apt-get update ${escape}`, `    # tools the build needs`, `    && apt-get install -y --no-install-recommends ${escape}`];
  for (const name of chosen.length > 0 ? chosen : ['curl']) lines.push(`        ${name} ${escape}`);
  lines.push('    && rm -rf /var/lib/apt/lists/*');
  return lines;
}

function pythonStage(next, escape) {
  const lines = [`FROM python:3.${10 + Math.floor(next() * 3)}-slim AS build`, 'WORKDIR /app', 'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1'];
  if (next() < 0.5) lines.push(...aptChain(next, escape));
  lines.push('COPY requirements.txt .');
  const style = next();
  if (style < 0.3) lines.push('RUN pip install --no-cache-dir -r requirements.txt');
  else if (style < 0.45) lines.push(`RUN python -m pip install --upgrade pip ${escape}`, `    && pip3 install -r requirements.txt`);
  else if (style < 0.6) lines.push('RUN pip install poetry==1.8.3', 'COPY pyproject.toml poetry.lock ./', 'RUN poetry install --no-root --only main');
  else if (style < 0.7) lines.push('RUN <<EOF', 'set -eux', 'pip install -r requirements.txt', 'pip check', 'EOF');
  else if (style < 0.8) lines.push('RUN ["pip", "install", "-r", "requirements.txt"]');
  else if (style < 0.9) lines.push('RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt');
  else lines.push('RUN uv pip install --system -r requirements.txt');
  return lines;
}

function nodeStage(next) {
  const lines = [`FROM node:${pick(next, ['18', '20', '22'])}-bookworm AS web`, 'WORKDIR /web', 'COPY package.json package-lock.json ./'];
  lines.push(next() < 0.5 ? 'RUN npm ci && npm cache clean --force' : 'RUN yarn install --frozen-lockfile');
  lines.push('COPY . .', 'RUN npm run build');
  return lines;
}

function goStage(next) {
  return ['FROM golang:1.23 AS go', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', `RUN CGO_ENABLED=0 go build -o /out/${pick(next, ['api', 'worker', 'cli'])} ./cmd/...`];
}

function runtimeStage(next) {
  const lines = ['FROM debian:bookworm-slim', 'RUN useradd --uid 10001 --create-home app'];
  for (let i = 0; i < Math.floor(next() * 40); i++) lines.push(`LABEL org.example.label${i}="value ${i}"`);
  lines.push('COPY --from=build /app /app', 'USER app', 'EXPOSE 8080', 'CMD ["/app/run"]');
  return lines;
}

/** One Dockerfile's text. */
export function dockerfile(next) {
  const escapeBacktick = next() < 0.03;
  const escape = escapeBacktick ? '`' : '\\';
  const lines = [];
  if (escapeBacktick) lines.push('# escape=`');
  lines.push(`# Service image, generated for the benchmark`);
  const kind = next();
  if (kind < 0.55) lines.push(...pythonStage(next, escape), '');
  else if (kind < 0.75) lines.push(...nodeStage(next), '');
  else if (kind < 0.9) lines.push(...goStage(next), '');
  else lines.push('FROM alpine:3.20 AS build', 'RUN apk add --no-cache curl', '');
  if (next() < 0.6) lines.push(...runtimeStage(next));
  let text = `${lines.join('\n')}\n`;
  if (next() < 0.1) text = text.replace(/\n/g, '\r\n');
  if (next() < 0.02) text = `\uFEFF${text}`;
  return text;
}

/** Writes `count` Dockerfiles under `dir`; returns their paths. */
export function generateCorpus(dir, count, seed = 42) {
  const next = random(seed);
  const paths = [];
  for (let i = 0; i < count; i++) {
    const service = `svc-${String(i).padStart(5, '0')}`;
    const folder = join(dir, 'services', pick(next, TEAMS), service);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, NAMES[i % NAMES.length]);
    writeFileSync(path, dockerfile(next));
    paths.push(path);
  }
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, count = '1000', seed = '42'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/corpus.mjs <dir> [count] [seed]');
    process.exit(2);
  }
  console.log(`${generateCorpus(dir, Number(count), Number(seed)).length} Dockerfiles written to ${dir}`);
}
