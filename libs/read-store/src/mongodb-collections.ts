import type { Collection, Db } from 'mongodb';
import { assertCollectionName } from './identifiers';
import type { MongoDoc } from './mongodb-query';
import { collectionNotFound } from './read-store.errors';
import type { CollectionSwap } from './read-store.port';
import type { PreparedUnit } from './write-validation';

/**
 * Which collections exist, asked once per name and then remembered: MongoDB would silently
 * create a missing collection on write (without its indexes), and the port reports
 * CollectionNotFound instead. A collection dropped by another process stays remembered.
 */
export class KnownCollections {
  private readonly known = new Set<string>();

  constructor(private readonly db: Db) {}

  async existing(collection: string): Promise<Collection<MongoDoc>> {
    const name = assertCollectionName(collection);
    if (!(await this.exists(name))) throw collectionNotFound(name);
    return this.db.collection<MongoDoc>(name);
  }

  /** The collections a unit of work names (changed, swapped from or to) that exist now. */
  async existingAmong(unit: PreparedUnit): Promise<Set<string>> {
    const changed = unit.changes.map((change) => change.collection);
    const names = new Set([...changed, ...unit.clear, ...unit.swaps.flatMap((swap) => [swap.source, swap.target])]);
    const existing = new Set<string>();
    for (const name of names) if (await this.exists(name)) existing.add(name);
    return existing;
  }

  created(name: string): void {
    this.known.add(name);
  }

  dropped(name: string): void {
    this.known.delete(name);
  }

  swapped(swaps: readonly CollectionSwap[]): void {
    for (const { source, target } of swaps) {
      this.known.delete(source);
      this.known.add(target);
    }
  }

  private async exists(name: string): Promise<boolean> {
    if (this.known.has(name)) return true;
    const found = await this.db.listCollections({ name }, { nameOnly: true }).hasNext();
    if (found) this.known.add(name);
    return found;
  }
}
