// Request bodies that are still arriving and so not yet verified, bounded
// together: at most `maxBodies` at a time and `maxBytes` buffered between them
// (each body is also capped by the server's maxBodyBytes). The signature can
// only be checked once a body is complete, so until then anyone can hold a
// body open; without a bound, many slow clients add up to any amount of
// memory. When a new body or a new chunk would go over, the oldest bodies are
// dropped first: a well-behaved client (Discord) sends its few kilobytes in
// one go, so the oldest bodies still open are the stalled ones.

export interface BodyBudgetLimits {
  maxBodies: number;
  maxBytes: number;
}

/** One body's share of the budget. */
export interface BodySlot {
  /** Counts `bytes` more of this body; false when this body had to be dropped to stay within the budget. */
  add(bytes: number): boolean;
  /** The body is complete or abandoned: frees its share (again is harmless). */
  release(): void;
}

export interface BodyBudget {
  /**
   * A slot for a body about to arrive, dropping the oldest open body if all
   * are taken. `drop` is called (at most once, synchronously) if this body
   * later has to go; its slot is already released then.
   */
  admit(drop: () => void): BodySlot;
  /** Drops every open body, oldest first (at shutdown). */
  dropAll(): void;
  /** Bodies open now. */
  readonly bodies: number;
  /** Bytes they hold together. */
  readonly bytes: number;
}

interface OpenBody {
  bytes: number;
  drop: () => void;
}

export function createBodyBudget({ maxBodies, maxBytes }: BodyBudgetLimits): BodyBudget {
  // A Set iterates in insertion order, so its first entry is the oldest body.
  const open = new Set<OpenBody>();
  let bytes = 0;

  const release = (body: OpenBody) => {
    if (open.delete(body)) bytes -= body.bytes;
  };
  const dropOldest = () => {
    const oldest = open.values().next().value;
    if (!oldest) return;
    release(oldest);
    oldest.drop();
  };

  return {
    get bodies() {
      return open.size;
    },
    get bytes() {
      return bytes;
    },
    admit(drop) {
      while (open.size >= maxBodies) dropOldest();
      const body: OpenBody = { bytes: 0, drop };
      open.add(body);
      return {
        add(more) {
          if (!open.has(body)) return false;
          body.bytes += more;
          bytes += more;
          // Older bodies go first; this one only if it is the oldest left.
          while (bytes > maxBytes && open.has(body)) dropOldest();
          return open.has(body);
        },
        release: () => release(body),
      };
    },
    dropAll() {
      while (open.size > 0) dropOldest();
    },
  };
}
