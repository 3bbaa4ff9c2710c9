// This process's name as the holder of store leases (feed polling, news rematching):
// host and pid for the operator reading the store, and a random part so that a
// restarted process with a reused pid is not taken for its predecessor.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export const LEASE_HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
