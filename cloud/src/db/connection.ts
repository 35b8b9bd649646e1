import { MongoClient, type Db } from 'mongodb';

export interface DbHandle {
  client: MongoClient;
  db: Db;
}

const cache = new Map<string, MongoClient>();

/**
 * One MongoClient per connection string for the life of the (warm) instance. The driver connects
 * lazily on the first operation and reconnects by itself after the server comes back.
 */
export function getDb(uri: string, dbName: string, timeoutMs: number): DbHandle {
  let client = cache.get(uri);
  if (!client) {
    client = new MongoClient(uri, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      // A database that stops answering must cost a request a few seconds (then 503), not the function's
      // whole time limit: the gateway would answer for us, without the error shape or Retry-After.
      socketTimeoutMS: timeoutMs * 2,
      appName: 'memorial-map',
    });
    cache.set(uri, client);
  }
  return { client, db: client.db(dbName) };
}

export async function closeAll(): Promise<void> {
  const clients = [...cache.values()];
  cache.clear();
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
}

/** True when an error means the database cannot be reached (answered as 503, never 500). */
export function isDbUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const name = (error as { name?: string }).name ?? '';
  if (
    name === 'MongoServerSelectionError' ||
    name === 'MongoNetworkError' ||
    name === 'MongoNetworkTimeoutError' ||
    name === 'MongoOperationTimeoutError' ||
    name === 'MongoTopologyClosedError' ||
    name === 'MongoPoolClearedError' ||
    name === 'MongoNotConnectedError'
  ) {
    return true;
  }
  const labels = (error as { errorLabels?: unknown }).errorLabels;
  if (Array.isArray(labels) && labels.includes('RetryableWriteError')) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDbUnavailable(cause);
}

/** Duplicate key (unique index) violation. */
export function isDuplicateKey(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { code?: unknown }).code === 11000;
}
