import { describe, expect, it } from 'vitest';

import { itemIdentity } from '../../src/feeds/item-identity.js';

const title = 'Armenien friert Beteiligung an der OVKS ein';

describe('itemIdentity', () => {
  it('prefers the guid, then the link, and ignores the date when either exists', () => {
    const link = 'https://nachrichten.example.de/ost/armenien-ovks-100.html';
    expect(itemIdentity({ guid: 'ost-48213', link, title, date: 'Mon, 17 Jun 2024 08:30:00 +0200' })).toBe(
      itemIdentity({ guid: 'ost-48213', link: `${link}?utm=x`, title: `${title} (aktualisiert)`, date: 'Tue, 18 Jun 2024' }),
    );
    expect(itemIdentity({ link, title, date: '2024-06-17' })).toBe(itemIdentity({ link, title: 'Neu', date: '2024-06-18' }));
    expect(itemIdentity({ guid: '  ', link, title })).toBe(itemIdentity({ link, title }));
  });

  it('hashes title and date when there is neither, distinguishing both', () => {
    const id = itemIdentity({ title, date: '2024-06-17' });
    expect(id).toMatch(/^hash:[\w-]{22}$/);
    expect(itemIdentity({ title, date: '2024-06-17' })).toBe(id);
    expect(itemIdentity({ title, date: '2024-06-18' })).not.toBe(id);
    expect(itemIdentity({ title: `${title}!`, date: '2024-06-17' })).not.toBe(id);
  });

  it('keeps guid, link and hash ids apart even for equal strings', () => {
    const value = 'https://example.org/a';
    expect(itemIdentity({ guid: value, title })).not.toBe(itemIdentity({ link: value, title }));
  });
});
