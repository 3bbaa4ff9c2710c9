// Opening a store from its setting: URL forms, the SQLite file and its schema
// version, and failing at once (not at the first operation) when Redis is unreachable.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import { parseStoreUrl } from '../../src/store/store-url.js';
import { uniqueSqlitePath } from './store-fixtures.js';

describe('parseStoreUrl', () => {
  it('reads SQLite paths in every accepted form', () => {
    expect(parseStoreUrl('sqlite:./var/lagebild.sqlite')).toEqual({ kind: 'sqlite', path: './var/lagebild.sqlite' });
    expect(parseStoreUrl('sqlite:///srv/lagebild.sqlite')).toEqual({ kind: 'sqlite', path: '/srv/lagebild.sqlite' });
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseStoreUrl('/srv/state.db')).toEqual({ kind: 'sqlite', path: '/srv/state.db' });
    expect(parseStoreUrl('C:\\bot\\state.db')).toEqual({ kind: 'sqlite', path: 'C:\\bot\\state.db' });
  });

  it('reads the URL habit: sqlite://RELATIVE is in the working directory, sqlite:///ABSOLUTE from the root', () => {
    // After "sqlite:", "//" opens an empty host: the path is what follows it.
    expect(parseStoreUrl('sqlite://lagebild.db')).toEqual({ kind: 'sqlite', path: 'lagebild.db' });
    expect(parseStoreUrl('sqlite://var/lagebild.db')).toEqual({ kind: 'sqlite', path: 'var/lagebild.db' });
    expect(parseStoreUrl('SQLITE:///srv/lagebild.db')).toEqual({ kind: 'sqlite', path: '/srv/lagebild.db' });
    expect(() => parseStoreUrl('sqlite://')).toThrow(/names no file/);
    expect(() => parseStoreUrl('sqlite:///srv/')).toThrow(/names no file/);
  });

  it('decodes a sqlite:// URL as a URL and refuses options rather than making them part of the file name', () => {
    expect(parseStoreUrl('sqlite:///srv/my%20bot/state.db')).toEqual({ kind: 'sqlite', path: '/srv/my bot/state.db' });
    expect(() => parseStoreUrl('sqlite://state.db?mode=ro')).toThrow(/takes no options/);
    expect(() => parseStoreUrl('sqlite:///srv/state.db#x')).toThrow(/takes no options/);
    expect(() => parseStoreUrl('sqlite://state%zz.db')).toThrow(/malformed %-escape/);
    // The plain forms are paths as written.
    expect(parseStoreUrl('sqlite:./my%20bot.db')).toEqual({ kind: 'sqlite', path: './my%20bot.db' });
    expect(parseStoreUrl('//server/share/state.db')).toEqual({ kind: 'sqlite', path: '//server/share/state.db' });
  });

  it('reads Redis URLs and refuses other schemes or an empty path', () => {
    expect(parseStoreUrl('redis://127.0.0.1:6379/2')).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/2' });
    expect(parseStoreUrl('rediss://cache.example:6380')).toEqual({ kind: 'redis', url: 'rediss://cache.example:6380' });
    expect(() => parseStoreUrl('postgres://db/lagebild')).toThrow(/unsupported/);
    expect(() => parseStoreUrl('sqlite:')).toThrow(/names no file/);
    expect(() => parseStoreUrl('redis:6379')).toThrow(/redis:\/\/HOST:PORT/);
  });
});

describe('opening SQLite', () => {
  it('creates the file with its folder, in WAL mode', async () => {
    const path = uniqueSqlitePath();
    expect(existsSync(dirname(path))).toBe(false);
    const store = await openStore(`sqlite:${path}`);
    onTestFinished(() => store.close());

    expect(store.kind).toBe('sqlite');
    expect(existsSync(path)).toBe(true);
    const raw = new Database(path, { readonly: true });
    onTestFinished(() => void raw.close());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBeGreaterThan(0);
  });

  it('refuses a file written by a newer schema version', async () => {
    const path = uniqueSqlitePath();
    await (await openStore(path)).close();
    const raw = new Database(path);
    const version = raw.pragma('user_version', { simple: true }) as number;
    raw.pragma(`user_version = ${version + 1}`);
    raw.close();

    await expect(openStore(path)).rejects.toThrow(/newer than this build supports/);
  });

  it('keeps an in-memory store to itself', async () => {
    const store = await openStore('sqlite::memory:');
    onTestFinished(() => store.close());
    await store.namespace<number>('n').set('k', 1);
    expect(await store.namespace<number>('n').get('k')).toBe(1);
  });
});

describe('opening Redis', () => {
  it('rejects promptly when nothing listens at the address', async () => {
    const started = Date.now();
    await expect(openStore('redis://127.0.0.1:1', { connectTimeoutMs: 1000 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
