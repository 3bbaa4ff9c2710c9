// Every backend call passes through StoreBackend.run; this wraps it once for both
// backends: an operation that gets no answer within the timeout (a hung server
// keeps the connection open and never answers) rejects with StoreUnavailableError,
// and so does one the backend says failed for want of a server or a writable disk.
// Callers then tell users "temporarily unavailable" in time instead of hanging.
import type { StoreBackend, StoreOperation } from './backend.js';
import { StoreUnavailableError } from './store.js';

export function guardedBackend(backend: StoreBackend, timeoutMs: number): StoreBackend {
  return {
    kind: backend.kind,
    run<Result>(operation: StoreOperation<Result>): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new StoreUnavailableError(`the ${backend.kind} store did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
        backend
          .run(operation)
          .then(resolve, (error: unknown) => {
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on the backend's own failure unchanged
            if (error instanceof StoreUnavailableError || !backend.isUnavailable(error)) reject(error);
            else
              reject(
                new StoreUnavailableError(`the ${backend.kind} store is unavailable: ${error instanceof Error ? error.message : String(error)}`, {
                  cause: error,
                }),
              );
          })
          .finally(() => clearTimeout(timer));
      });
    },
    isUnavailable: (error) => error instanceof StoreUnavailableError || backend.isUnavailable(error),
    close: () => backend.close(),
  };
}
