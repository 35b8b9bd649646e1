import type { Caller } from '../http/context.js';
import { AuditRepository, type AuditEntry, type AuditQuery, type FieldChange } from './repository.js';

export type { AuditEntry, AuditQuery, FieldChange };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose values differ between two versions of a record, with before and after. */
export function diffChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  ignore: readonly string[] = ['version', 'updatedAt', 'createdAt', 'id', '_id'],
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const b = before?.[key];
    const a = after?.[key];
    if (!same(b, a)) changes[key] = { before: b ?? null, after: a ?? null };
  }
  return changes;
}

export interface RecordInput {
  actor: Caller;
  action: string;
  targetType: string;
  targetId: string;
  siteId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string;
}

/** The audit log of every manager and staff write across the product (who, when, what, before/after). */
export class AuditService {
  private readonly repo: AuditRepository;

  constructor(
    db: ConstructorParameters<typeof AuditRepository>[0],
    private readonly now: () => Date,
  ) {
    this.repo = new AuditRepository(db);
  }

  async record(input: RecordInput): Promise<AuditEntry> {
    const changes = input.before !== undefined || input.after !== undefined ? diffChanges(input.before, input.after) : undefined;
    return this.repo.insert({
      at: this.now(),
      actor: { id: input.actor.id, name: input.actor.username ?? input.actor.id },
      action: input.action,
      siteId: input.siteId,
      targetType: input.targetType,
      targetId: input.targetId,
      ...(changes && Object.keys(changes).length > 0 ? { changes } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
  }

  list(query: AuditQuery, limit = 50, beforeId?: string): Promise<AuditEntry[]> {
    return this.repo.list(query, Math.min(Math.max(limit, 1), 200), beforeId);
  }
}
