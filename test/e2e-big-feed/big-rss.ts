// A big but valid RSS 2.0 feed of short items: ~184 bytes an item, so 20,000 items
// are ~3.7 MB and 28,000 stay under the 5 MiB fetch cap.

export function bigRss(count: number, date = 'Mon, 03 Mar 2025 08:00:00 +0100'): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      `<item><title>Item ${i}</title><link>https://big.example.org/${i}</link><guid>big-${i}</guid><pubDate>${date}</pubDate><description>Short ${i}.</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big feed</title><link>https://big.example.org/</link><description>Many items</description>${items.join('')}</channel></rss>`;
}
