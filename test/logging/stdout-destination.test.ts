import { PassThrough, Writable } from 'node:stream';

import { describe, expect, test } from 'vitest';

import { stdoutDestination } from '../../src/logging/stdout-destination.js';

describe('stdoutDestination', () => {
  test('writes lines through while the stream takes them', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const destination = stdoutDestination({ stream });
    destination.write('one\n');
    destination.write('two\n');
    expect(chunks.join('')).toBe('one\ntwo\n');
    expect(destination.dropped).toBe(0);
  });

  test('drops lines, without throwing, once the stream failed (EPIPE: the reader is gone)', () => {
    const stream = new PassThrough();
    const destination = stdoutDestination({ stream });
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(() => destination.write('lost\n')).not.toThrow();
    expect(destination.dropped).toBe(1);
  });

  test('drops lines beyond the queue cap while the reader does not read, and writes again once it caught up', () => {
    let release: (() => void) | undefined;
    // A reader that takes nothing until released: everything written queues up.
    const stream = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        release = callback;
      },
    });
    const destination = stdoutDestination({ stream, maxQueuedBytes: 100 });
    const line = 'x'.repeat(39) + '\n';
    for (let i = 0; i < 10; i++) destination.write(line);
    // 3 lines queue (40, 80, 120 bytes: each written while the queue was at most 100), 7 are dropped.
    expect(stream.writableLength).toBe(120);
    expect(destination.dropped).toBe(7);
    while (release) {
      const next = release;
      release = undefined;
      next();
    }
    expect(stream.writableLength).toBe(0);
    destination.write(line);
    expect(destination.dropped).toBe(7);
  });
});
