// The CLI's one way of reading settings: bad settings are told and yield nothing; other errors are thrown.
import { describe, expect, it } from 'vitest';

import { fromEnvironment } from '../../src/cli/io.js';
import { ConfigError } from '../../src/config/config.js';

function bufferIo() {
  const err: string[] = [];
  return { io: { out: () => undefined, err: (text: string) => err.push(text) }, err };
}

describe('fromEnvironment', () => {
  it('returns what the settings load', () => {
    const { io, err } = bufferIo();
    expect(fromEnvironment(() => ({ store: 'sqlite:x' }), io)).toEqual({ store: 'sqlite:x' });
    expect(err).toEqual([]);
  });

  it('tells bad settings, worded by the caller, and returns nothing', () => {
    const { io, err } = bufferIo();
    const bad = (): { store: string } => {
      throw new ConfigError(['LAGEBILD_STORE is wrong']);
    };
    expect(fromEnvironment(bad, io, (message) => `before: ${message}`)).toBeUndefined();
    expect(err).toEqual(['before: Invalid configuration (1 problem):\n- LAGEBILD_STORE is wrong\n']);
  });

  it('throws any other error', () => {
    const { io } = bufferIo();
    expect(() =>
      fromEnvironment((): { store: string } => {
        throw new Error('disk on fire');
      }, io),
    ).toThrow('disk on fire');
  });
});
