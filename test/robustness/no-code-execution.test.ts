import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, useScratch, writeTreeFor } from './helpers.js';

/**
 * Processing a repository never runs anything from it: not the Dockerfiles' commands, not npm
 * scripts, not JavaScript files that look like configs, not git hooks or git's fsmonitor command.
 * Every trap creates a marker file in its own directory; none may exist afterwards.
 */
const scratch = useScratch();

test('no command, script, module or git hook of the repository runs, in any mode', () => {
  const markers = join(scratch(), 'markers');
  const repo = join(scratch(), 'repo');
  const trap = (name: string) => `touch ${join(markers, name)}`;
  const nodeTrap = (name: string) => `require('node:fs').writeFileSync(${JSON.stringify(join(markers, name))}, '');\n`;
  writeTreeFor(scratch(), {
    'markers/.keep': '',
    'repo/Dockerfile': [
      '# syntax=example.com/evil/frontend:latest',
      'FROM python:3.12',
      `RUN ${trap('run')} && pip install flask`,
      `RUN echo $(${trap('substitution')}) \`${trap('backticks')}\` && pip install gunicorn`,
      `RUN node -e "require('fs').writeFileSync('${join(markers, 'node-e')}', '')"`,
      `RUN <<EOF\n${trap('heredoc')}\npip install uvicorn\nEOF`,
      `ONBUILD RUN ${trap('onbuild')}`,
      `CMD ${trap('cmd')}`,
      '',
    ].join('\n'),
    'repo/package.json': JSON.stringify({
      name: 'victim',
      type: 'commonjs',
      main: 'index.js',
      bin: { 'dockerfile-codemod': 'index.js' },
      scripts: Object.fromEntries(['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'test', 'start', 'dockerfile-codemod'].map((name) => [name, trap(`npm-${name}`)])),
    }),
    'repo/index.js': nodeTrap('index.js'),
    'repo/dockerfile-codemod.config.js': nodeTrap('config.js'),
    'repo/dockerfile-codemod.config.mjs': nodeTrap('config.mjs').replace('require', "(await import('node:module')).createRequire(import.meta.url)"),
    'repo/.dockerfile-codemodrc.js': nodeTrap('rc.js'),
    'repo/.dockerfile-codemodrc.cjs': nodeTrap('rc.cjs'),
    'repo/node_modules/dockerfile-codemod/index.js': nodeTrap('node_modules'),
    'repo/CODEOWNERS': '* @team\n',
  });
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['config', 'core.fsmonitor', trap('fsmonitor')], { cwd: repo });
  for (const hook of ['post-index-change', 'pre-commit', 'post-checkout']) {
    const path = join(repo, '.git/hooks', hook);
    writeTreeFor(repo, { [`.git/hooks/${hook}`]: `#!/bin/sh\n${trap(`hook-${hook}`)}\n` });
    chmodSync(path, 0o755);
  }

  const modes = [[], ['--check'], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'github'], ['--group-by', 'codeowners', '-q'], ['--write', '-q']];
  for (const args of modes) {
    const result = cli(args, { cwd: repo });
    expect([0, 1]).toContain(result.code);
  }
  expect(cli(['--stdin-filepath', 'Dockerfile'], { cwd: repo, input: `FROM python:3.12\nRUN ${trap('stdin')} && pip install x\n` }).code).toBe(0);
  expect(readdirSync(markers)).toEqual(['.keep']);
  // The traps sat in a file that was really processed.
  expect(readFileSync(join(repo, 'Dockerfile'), 'utf8')).toContain('RUN --mount=type=cache,target=/root/.cache/pip');
  // The traps are live: git itself, run as the CLI runs it but without the guard, would spring one.
  execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: repo });
  expect(existsSync(join(markers, 'fsmonitor'))).toBe(true);
});
