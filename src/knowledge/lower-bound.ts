// Binary search over sorted strings (both indexes keep their terms sorted so
// that every term with a prefix lies in one range) or numbers (positions).

/** Index of the first value at or after `from` that is not less than `key`. */
export function lowerBound<T extends string | number>(sorted: readonly T[], key: T, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
