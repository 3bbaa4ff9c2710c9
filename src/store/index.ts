// The store's public surface; the backends behind it stay internal.
export { openStore, parseStoreUrl, type StoreTarget } from './open-store.js';
export {
  type ClaimedItem,
  type KeyValueNamespace,
  type Store,
  StoreClosedError,
  StoreConflictError,
  type StoreOptions,
  type UpdateOptions,
  type Updater,
} from './store.js';
