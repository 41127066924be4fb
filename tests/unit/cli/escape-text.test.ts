// Text output never passes terminal control sequences through (issue 12 item 13). A category value such as
// "\x1b]0;pwned\x07" (set the window title) or "\x1b[2J" (clear the screen) must reach the terminal as visible
// text. Expected strings are written out by hand: each control byte becomes \xHH (C0, DEL, C1) or \uHHHH (bidi
// overrides); \n and \t stay as they are. The fixture tests/fixtures/import/terminal-escapes.csv (400 rows, made by a
// Python loop: regions North/South/East/West, and 6 rows each of "\x1b]0;pwned\x07", "\x1b[2J", "Rechts\u202etxt.exe"
// (few enough that the file is not refused as binary, < 1% control bytes); score = row % 11)
// is part of the bad-input corpus.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { escapeControls } from '../../../main/cli/format';
import { runCli } from '../../../main/cli/run';
import { FIXTURES } from '../import/helpers';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('escapeControls', () => {
  it('turns C0, DEL and C1 controls into visible \\xHH escapes and keeps newline and tab', () => {
    expect(escapeControls('\x1b]0;pwned\x07')).toBe('\\x1b]0;pwned\\x07');
    expect(escapeControls('\x1b[2J')).toBe('\\x1b[2J');
    expect(escapeControls('a\tb\nc')).toBe('a\tb\nc');
    expect(escapeControls('over\rwrite')).toBe('over\\x0dwrite');
    expect(escapeControls('id,at\r\n1,2\r\n')).toBe('id,at\r\n1,2\r\n'); // CRLF line ends (CSV output) stay
    expect(escapeControls('nul\0 del\x7f csi\u009b')).toBe('nul\\x00 del\\x7f csi\\x9b');
  });

  it('shows bidirectional overrides (which reorder what the terminal displays) as \\uHHHH', () => {
    expect(escapeControls('Rechts\u202etxt.exe')).toBe('Rechts\\u202etxt.exe');
    expect(escapeControls('a\u2066b\u2069')).toBe('a\\u2066b\\u2069');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    const s = 'José Müller — 東京 😀 €100';
    expect(escapeControls(s)).toBe(s);
  });
});

describe('cxw text output with escape codes in the data', () => {
  let dir: string;
  let workspace: string;
  const saved = process.env.CXW_STATE_DIR;

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      const code = await runCli(args);
      return { code, out: out.join(''), err: err.join('') };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-escape-'));
    process.env.CXW_STATE_DIR = join(dir, 'state');
    workspace = join(dir, 'w.cxw');
    const r = await run(['import', join(FIXTURES, 'terminal-escapes.csv'), '--workspace', workspace, '--name', 'esc', '--role', 'region=category']);
    expect(r.code, r.err).toBe(0);
  }, 60_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.CXW_STATE_DIR;
    else process.env.CXW_STATE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('cxw nps --by prints the category values escaped, with no raw control byte', async () => {
    const r = await run(['nps', '--workspace', workspace, '--dataset', 'esc', '--score', 'score', '--by', 'region', '--min-n', '5']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(CONTROL);
    expect(r.out).toContain('\\x1b]0;pwned\\x07');
    expect(r.out).toContain('\\x1b[2J');
    expect(r.out).toContain('Rechts\\u202etxt.exe');
  });

  it('--json keeps the exact values (JSON escapes them itself)', async () => {
    const r = await run(['nps', '--workspace', workspace, '--dataset', 'esc', '--score', 'score', '--by', 'region', '--min-n', '5', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const groups = (JSON.parse(r.out) as { groups: { group: string }[] }).groups.map((g) => g.group);
    expect(groups).toEqual(expect.arrayContaining(['\x1b]0;pwned\x07', '\x1b[2J', 'North']));
  });

  it('an error message quoting a bad argument escapes it on stderr', async () => {
    const r = await run(['nps', '--workspace', workspace, '--dataset', 'esc', '--score', 'score', '--by', '\x1b[2Jnope']);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(CONTROL);
    expect(r.err).toContain('\\x1b[2Jnope');
  });
});
