// The store's public surface; the backends behind it stay internal.
export { openStore, parseStoreUrl, type StoreTarget } from './open-store.js';
export {
  StoreClosedError,
  StoreConflictError,
  type ClaimedItem,
  type KeyValueNamespace,
  type Store,
  type StoreOptions,
  type UpdateOptions,
  type Updater,
} from './store.js';
