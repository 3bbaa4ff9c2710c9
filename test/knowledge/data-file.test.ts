import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { readDataFile } from '../../src/knowledge/data-file.js';

const dir = mkdtempSync(join(tmpdir(), 'lagebild-data-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readDataFile', () => {
  it('reads a regular file, and one reached through a symlink', () => {
    writeFileSync(join(dir, 'a.json'), '{"ä": 1}');
    symlinkSync('a.json', join(dir, 'link.json'));
    expect(readDataFile(join(dir, 'a.json'), 100)).toEqual({ ok: true, text: '{"ä": 1}' });
    expect(readDataFile(join(dir, 'link.json'), 100)).toEqual({ ok: true, text: '{"ä": 1}' });
  });

  it('reads a file of exactly the limit, and refuses one byte more', () => {
    writeFileSync(join(dir, 'limit.json'), 'x'.repeat(1024 * 1024));
    expect(readDataFile(join(dir, 'limit.json'), 1024 * 1024)).toMatchObject({ ok: true });
    expect(readDataFile(join(dir, 'limit.json'), 1024 * 1024 - 1)).toEqual({
      ok: false,
      message: 'is too large: 1 MiB (the limit is 1 MiB per file)',
    });
    writeFileSync(join(dir, 'big.json'), '');
    truncateSync(join(dir, 'big.json'), 50 * 1024 * 1024);
    expect(readDataFile(join(dir, 'big.json'), 5 * 1024 * 1024)).toEqual({
      ok: false,
      message: 'is too large: 50 MiB (the limit is 5 MiB per file)',
    });
  });

  it('refuses what is not a regular file, without blocking on a FIFO', () => {
    execFileSync('mkfifo', [join(dir, 'x.json')]);
    mkdirSync(join(dir, 'y.json'));
    expect(readDataFile(join(dir, 'x.json'), 100)).toEqual({ ok: false, message: 'is a FIFO (named pipe), not a regular file' });
    expect(readDataFile(join(dir, 'y.json'), 100)).toEqual({ ok: false, message: 'is a folder, not a regular file' });
    expect(readDataFile('/dev/zero', 100)).toEqual({ ok: false, message: 'is a device, not a regular file' });
  });

  it('tells a missing file from a dangling symlink and a loop', () => {
    symlinkSync('nowhere.json', join(dir, 'dangling.json'));
    symlinkSync('loop.json', join(dir, 'loop.json'));
    expect(readDataFile(join(dir, 'missing.json'), 100)).toEqual({ ok: false, message: 'file is missing' });
    expect(readDataFile(join(dir, 'dangling.json'), 100)).toEqual({ ok: false, message: 'is a symbolic link to a file that does not exist' });
    expect(readDataFile(join(dir, 'loop.json'), 100)).toEqual({ ok: false, message: 'cannot be read (ELOOP: too many symbolic links (a loop?))' });
  });

  it('gives the same answers for a name the folder listing showed as a regular file (opened without a stat first)', () => {
    writeFileSync(join(dir, 'listed.json'), '{"ö": 2}');
    expect(readDataFile(join(dir, 'listed.json'), 100, true)).toEqual({ ok: true, text: '{"ö": 2}' });
    // Replaced after the listing: what is opened still decides.
    execFileSync('mkfifo', [join(dir, 'listed-fifo.json')]);
    mkdirSync(join(dir, 'listed-folder.json'));
    expect(readDataFile(join(dir, 'listed-fifo.json'), 100, true)).toEqual({ ok: false, message: 'is a FIFO (named pipe), not a regular file' });
    expect(readDataFile(join(dir, 'listed-folder.json'), 100, true)).toEqual({ ok: false, message: 'is a folder, not a regular file' });
    expect(readDataFile(join(dir, 'listed-gone.json'), 100, true)).toEqual({ ok: false, message: 'file is missing' });
    writeFileSync(join(dir, 'listed-big.json'), 'x'.repeat(1024 * 1024));
    expect(readDataFile(join(dir, 'listed-big.json'), 1024 * 1024 - 1, true)).toEqual({
      ok: false,
      message: 'is too large: 1 MiB (the limit is 1 MiB per file)',
    });
  });

  it('reads small and large files one after another whole (small ones share a buffer)', () => {
    const small = 'ä'.repeat(3000);
    const large = 'é'.repeat(400 * 1024);
    writeFileSync(join(dir, 'small.json'), small);
    writeFileSync(join(dir, 'large.json'), large);
    writeFileSync(join(dir, 'tiny.json'), 'x');
    for (const [name, text] of [
      ['small.json', small],
      ['large.json', large],
      ['tiny.json', 'x'],
      ['small.json', small],
    ] as const) {
      expect(readDataFile(join(dir, name), 5 * 1024 * 1024)).toEqual({ ok: true, text });
    }
  });
});
