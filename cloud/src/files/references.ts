import type { Db } from 'mongodb';

/**
 * Where records hold upload ids: site photos (`sites.photos`), patrol photos (`patrols.photos`) and
 * proxy-sweep proof (`proxy_sweeps.proof.photos`). Read only, for the clean-up of unattached uploads:
 * a record may name a file whose attach never happened (a request that failed between the two writes),
 * and such a file must be kept.
 */
const HOLDERS: ReadonlyArray<{ collection: string; field: string }> = [
  { collection: 'sites', field: 'photos' },
  { collection: 'patrols', field: 'photos' },
  { collection: 'proxy_sweeps', field: 'proof.photos' },
];

export class FileReferenceReader {
  constructor(private readonly db: Db) {}

  /** The ids among `ids` that some record names. */
  async referenced(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (ids.length === 0) return found;
    const wanted = new Set(ids);
    for (const { collection, field } of HOLDERS) {
      const docs = await this.db
        .collection(collection)
        .find({ [field]: { $in: [...ids] } }, { projection: { [field]: 1 } })
        .toArray();
      for (const doc of docs) {
        const value = field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
        if (Array.isArray(value)) for (const id of value) if (typeof id === 'string' && wanted.has(id)) found.add(id);
      }
    }
    return found;
  }
}
