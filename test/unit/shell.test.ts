import { findCommands } from '../../src/shell/commands.js';
import { invocationsOfArgv, invocationsOfCommands, readScript } from '../../src/shell/invocations.js';
import { lex } from '../../src/shell/lexer.js';

const argvs = (script: string) => findCommands(script).map((command) => command.argv.join(' '));
const invoked = (script: string) => invocationsOfCommands(script, findCommands(script));

describe('lexer', () => {
  test('a backslash at the very end escapes nothing and never reaches past the text', () => {
    for (const text of ['echo a\\', 'echo "a\\', "echo 'a\\", 'echo `a\\', 'echo $(a\\']) {
      const words = lex(text).filter((token) => token.kind === 'word');
      expect(words.every((word) => word.end <= text.length)).toBe(true);
      expect(words.map((word) => word.kind === 'word' && word.value).join(' ')).not.toContain('undefined');
    }
    expect(lex('echo "a\\').find((token) => token.kind === 'word' && token.start === 5)).toMatchObject({ end: 8, value: 'a\\' });
  });

  test('words keep exact offsets; quotes and escapes are removed from values', () => {
    const text = `pip install "a b" 'c d' e\\ f $(echo x) \${HOME}/y`;
    const words = lex(text).filter((token) => token.kind === 'word');
    expect(words.map((word) => word.kind === 'word' && word.value)).toEqual(['pip', 'install', 'a b', 'c d', 'e f', '$(echo x)', '${HOME}/y']);
    for (const word of words) expect(text.slice(word.start, word.end)).not.toBe('');
    expect(text.slice(words[2]!.start, words[2]!.end)).toBe('"a b"');
  });

  test('operators, comments and here-document bodies', () => {
    const tokens = lex('a && b || c; d | e # not f\ncat <<EOF > out\npip install x\nEOF\ng');
    const summary = tokens.map((token) => (token.kind === 'word' ? token.value : token.kind === 'op' ? `[${token.value}]` : '\\n'));
    expect(summary).toEqual(['a', '[&&]', 'b', '[||]', 'c', '[;]', 'd', '[|]', 'e', '\\n', 'cat', '[<<]', 'EOF', '[>]', 'out', '\\n', 'g']);
  });

  test('a single-quoted word records its body for sh -c scripts', () => {
    const [word] = lex("'pip install x'");
    expect(word?.kind === 'word' && word.singleQuotedBody).toEqual({ start: 1, end: 14 });
  });
});

describe('findCommands', () => {
  test('commands after every separator and inside compound commands', () => {
    expect(argvs('if [ -f r ]; then pip install -r r; else echo none; fi')).toEqual(['[ -f r ]', 'pip install -r r', 'echo none']);
    expect(argvs('for p in a b; do pip3 install "$p"; done')).toEqual(['pip3 install $p']);
    expect(argvs('while read l; do pip install $l; done < reqs')).toEqual(['read l', 'pip install $l']);
    expect(argvs('case $x in a) pip install a;; *) echo b;; esac')).toEqual(['pip install a', 'echo b']);
    expect(argvs('(cd /src && pip install .) || exit 1')).toEqual(['cd /src', 'pip install .', 'exit 1']);
    expect(argvs('echo $(pip download six) `uv sync`')).toEqual(['echo $(pip download six) `uv sync`', 'pip download six', 'uv sync']);
  });

  test('assignments and redirections are not arguments, but belong to the command extent', () => {
    const [command] = findCommands('DEBIAN_FRONTEND=noninteractive apt-get install -y x 2>&1 > /tmp/log && true');
    expect(command?.argv).toEqual(['apt-get', 'install', '-y', 'x']);
    expect(command?.assignments.map((word) => word.value)).toEqual(['DEBIAN_FRONTEND=noninteractive']);
    expect(command?.after).toBe('&&');
    expect('DEBIAN_FRONTEND=noninteractive apt-get install -y x 2>&1 > /tmp/log'.length).toBe(command?.end);
  });

  test('echo "pip install" and comments are not pip', () => {
    expect(argvs('echo "pip install x" # pip install y')).toEqual(['echo pip install x']);
  });
});

describe('invocations', () => {
  test('wrappers are seen through, with their environment', () => {
    const [env] = invoked('env PIP_INDEX_URL=x nice -n 5 timeout 60 pip install a');
    expect(env?.argv).toEqual(['pip', 'install', 'a']);
    expect(env?.env.get('PIP_INDEX_URL')).toBe('x');
    const [sudo] = invoked('sudo -E pip install b');
    expect(sudo?.argv).toEqual(['pip', 'install', 'b']);
    expect(sudo?.asRoot).toBe(true);
  });

  test('shell -c scripts are parsed, single-quoted ones with exact offsets', () => {
    const script = "sh -c 'pip install a' && bash -euo pipefail -c \"uv sync | tee log\"";
    const found = invoked(script);
    expect(found.map((invocation) => invocation.argv.join(' '))).toEqual(['pip install a', 'uv sync', 'tee log']);
    const pip = found[0]!;
    expect(pip.command?.exact).toBe(true);
    expect(script.slice(pip.command!.start, pip.command!.end)).toBe('pip install a');
    expect(found[1]?.command?.exact).toBe(false);
  });

  test('user switchers mark the command; sudo -u root does not', () => {
    expect(invoked('gosu app pip install a')[0]?.otherUser).toBe('gosu');
    expect(invoked('su app -c "pip install b"')[0]?.otherUser).toBe('su');
    expect(invoked('sudo -u app pip install c')[0]?.otherUser).toBe('sudo -u');
    expect(invoked('runuser -u app -- pip install d')[0]?.otherUser).toBe('runuser');
    // Login shells: a lone `-` or -l is an option, the user still comes next.
    expect(invoked('su - app -c "pip install f"')[0]).toMatchObject({ argv: ['pip', 'install', 'f'], otherUser: 'su' });
    expect(invoked('runuser -l app -c "pip install g"')[0]).toMatchObject({ argv: ['pip', 'install', 'g'], otherUser: 'runuser' });
    expect(invoked('setpriv --reuid=1000 pip install e')[0]?.otherUser).toBe('setpriv');
    expect(invoked('sudo -u root pip install f')[0]?.otherUser).toBeUndefined();
    expect(invoked('command -v pip')).toEqual([]);
  });

  test('exec-form argv', () => {
    expect(invocationsOfArgv(['/bin/sh', '-c', 'pip install a && npm ci']).map((invocation) => invocation.argv[0])).toEqual(['pip', 'npm']);
    expect(invocationsOfArgv(['python3', '-m', 'pip', 'install', 'x'])[0]?.argv).toEqual(['python3', '-m', 'pip', 'install', 'x']);
  });
});

describe('readScript', () => {
  test('gives what findCommands and invocationsOfCommands give, once per text and heredoc mode', () => {
    const script = 'cat <<EOF > /etc/x\napt-get install -y curl\nEOF\npip install flask';
    const read = readScript(script);
    expect(read.commands).toEqual(findCommands(script));
    expect(read.invocations).toEqual(invocationsOfCommands(script, findCommands(script)));
    expect(readScript(script)).toBe(read);
    // With heredoc bodies cut out, the body's line is a command of its own.
    const cut = readScript(script, { heredocBodiesInline: false });
    expect(cut.commands).toEqual(findCommands(script, { heredocBodiesInline: false }));
    expect(cut.commands.map((command) => command.argv[0])).not.toEqual(read.commands.map((command) => command.argv[0]));
  });
});
