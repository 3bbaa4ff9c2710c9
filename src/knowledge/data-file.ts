// Reading one file of a data folder without trusting what sits under its name.
// Only a regular file is read, and only up to a size cap: a FIFO would block the
// reader until someone writes to it (freezing a running bot), a device can be
// endless, and a huge file would take the memory. Every failure is an outcome
// with a message, never an exception.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';

export type DataFileRead = { ok: true; text: string } | { ok: false; message: string };

// Windows defines neither O_NONBLOCK nor O_NOCTTY, whatever the typings say; 0 leaves them out there.
const platform: Partial<typeof constants> = constants;
const OPEN_FLAGS = constants.O_RDONLY | (platform.O_NONBLOCK ?? 0) | (platform.O_NOCTTY ?? 0);
/** How much a read buffer starts with beyond the size the file had when opened (a file may grow meanwhile). */
const READ_SLACK = 64 * 1024;

/**
 * The text of the regular file at `path` (UTF-8), if it is one and holds at most `maxBytes`.
 * `listedAsFile`: the folder's listing showed a regular file (not a link) under this
 * name, which tells as much as a stat would; the name is then opened without one.
 */
export function readDataFile(path: string, maxBytes: number, listedAsFile = false): DataFileRead {
  if (!listedAsFile) {
    let before: Stats;
    try {
      before = statSync(path);
    } catch (error) {
      return failed(error, path);
    }
    const refused = refusal(before, maxBytes);
    if (refused !== undefined) return refused;
  }
  let fd: number;
  try {
    // Non-blocking: should a FIFO take the file's place after the stat, opening it
    // returns at once instead of waiting for a writer. No effect on regular files.
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return failed(error, path);
  }
  try {
    // What was opened is what counts: the name may point elsewhere since the stat.
    const opened = fstatSync(fd);
    return refusal(opened, maxBytes) ?? readOpened(fd, opened.size, maxBytes);
  } catch (error) {
    return failed(error, path);
  } finally {
    closeSync(fd);
  }
}

function refusal(stats: Stats, maxBytes: number): DataFileRead | undefined {
  if (!stats.isFile()) return { ok: false, message: `is ${kindOf(stats)}, not a regular file` };
  if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
  return undefined;
}

/**
 * The buffer files are read into when they fit (reads are synchronous, so one per
 * thread will do): a buffer per file would be, for 10,000 articles, 10,000
 * allocations outside the heap, which cost more than the reads (and prompt collections).
 */
const shared = Buffer.allocUnsafe(256 * 1024);

/** Reads to the end, but never more than `maxBytes` + 1 bytes: a file that grows while it is read still stops at the cap. */
function readOpened(fd: number, size: number, maxBytes: number): DataFileRead {
  const limit = maxBytes + 1;
  /** How much of `buffer` may be filled. */
  let capacity = Math.min(limit, size + READ_SLACK);
  let buffer = capacity <= shared.length ? shared : Buffer.allocUnsafe(capacity);
  let length = 0;
  for (;;) {
    if (length === capacity) {
      if (length === limit) return tooLarge(length, maxBytes, 'more than ');
      capacity = Math.min(limit, capacity * 2);
      if (capacity > buffer.length) {
        const grown = Buffer.allocUnsafe(capacity);
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
    }
    const read = readSync(fd, buffer, length, capacity - length, null);
    if (read === 0) break;
    length += read;
  }
  return { ok: true, text: buffer.toString('utf8', 0, length) };
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'something other than a file';
}

function tooLarge(size: number, maxBytes: number, qualifier = ''): DataFileRead {
  return { ok: false, message: `is too large: ${qualifier}${mebibytes(size)} (the limit is ${mebibytes(maxBytes)} per file)` };
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

function failed(error: unknown, path: string): DataFileRead {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    // A symlink whose target is gone is listed like a file, but leads nowhere.
    return { ok: false, message: isSymlink(path) ? 'is a symbolic link to a file that does not exist' : 'file is missing' };
  }
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'too many symbolic links (a loop?)',
    EISDIR: 'is a folder',
    EIO: 'input/output error',
    EAGAIN: 'not ready to be read',
  };
  const reason = code === undefined ? String(error) : `${code}${reasons[code] ? `: ${reasons[code]}` : ''}`;
  return { ok: false, message: `cannot be read (${reason})` };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
