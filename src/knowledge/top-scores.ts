// Keeps the best `limit` items by score without sorting everything offered;
// on equal scores the lower index (earlier in the caller's preferred order) wins.

export interface Scored {
  index: number;
  score: number;
}

export class TopScores {
  private readonly items: Scored[] = [];
  constructor(private readonly limit: number) {}

  /** Whether an offer of this score would be kept now (cheap: lets a caller skip work for items that cannot make it). */
  accepts(index: number, score: number): boolean {
    const last = this.items[this.items.length - 1];
    if (this.items.length < this.limit) return true;
    return last !== undefined && (score > last.score || (score === last.score && index < last.index));
  }

  offer(index: number, score: number): void {
    const items = this.items;
    const beats = (item: Scored): boolean => score > item.score || (score === item.score && index < item.index);
    if (!this.accepts(index, score)) return;
    let at = items.length;
    while (at > 0 && beats(items[at - 1]!)) at--;
    items.splice(at, 0, { index, score });
    if (items.length > this.limit) items.pop();
  }

  /** Best first. */
  sorted(): readonly Scored[] {
    return this.items;
  }
}
