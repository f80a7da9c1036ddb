import type { Entity, TransactWriteEntity } from "electrodb";
import { auditItem } from "./audit";
import type { auditEntryEntity } from "./audit.entity";
import type { AuditInput } from "./audit.schema";

type AuditEntryEntity = ReturnType<typeof auditEntryEntity>;

/** The audit entity as a service's write transaction hands it out. */
type AuditInTransaction =
  AuditEntryEntity extends Entity<infer A, infer F, infer C, infer S>
    ? TransactWriteEntity<A, F, C, S>
    : never;

/**
 * The put of one audit entry in another domain's transaction, so the entry commits with the
 * change it records or not at all. Every service that writes audited changes names the audit
 * entity `audit`, so any of their transactions can be passed.
 */
export function auditWrite(tx: { audit: AuditInTransaction }, input: AuditInput) {
  return tx.audit.create(auditItem(input)).commit();
}
