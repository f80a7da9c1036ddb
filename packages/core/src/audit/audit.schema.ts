import { z } from "zod";

/**
 * An admin action, `<noun>.<past_verb>` like event names. Details hold ids, field names, role
 * or topic names and organisation settings before and after: never an e-mail address or a
 * display name, so the log needs no scrubbing when a member leaves (their memberId then names
 * nobody).
 */
export const AuditAction = z.string().regex(/^[a-z]+\.[a-z_]+$/);

export const AuditDetails = z
  .record(z.string(), z.json())
  // Room for a settings change's old and new values (50 own domains, 100 networks).
  .refine((details) => JSON.stringify(details).length <= 32_000, {
    message: "Audit details are limited to 32000 characters",
  });

export const AuditInput = z.strictObject({
  orgId: z.string().min(1),
  /** The acting member, or "system" for provisioning and operator commands. */
  actorMemberId: z.string().min(1),
  action: AuditAction,
  targetMemberId: z.string().min(1).optional(),
  details: AuditDetails.optional(),
});
export type AuditInput = z.input<typeof AuditInput>;

export const AuditEntry = z.object({
  orgId: z.string(),
  auditId: z.string(),
  at: z.iso.datetime(),
  actorMemberId: z.string(),
  action: z.string(),
  targetMemberId: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.strictObject({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2_000).nullish(),
});
export type AuditPage = z.input<typeof AuditPage>;
