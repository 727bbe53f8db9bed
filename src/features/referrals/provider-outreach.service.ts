/**
 * Reaching providers: e-mailing a referral to a provider that is not on Trellis (issue 6, item 6), and the
 * links that make a Trellis organization the receiver of a directory organization's referrals.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { hsdsOrganizations, referralProviderLinks, referrals } from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import type { Mailer } from "../../server/mailer.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { loadReferral, organizationNames, userNames } from "./referrals.repository.ts";

export interface OutreachDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
}

const WORDS = {
  en: {
    subject: (service: string) => `Referral to ${service}`,
    intro: (org: string, who: string) => `${who} of ${org} refers a family to your service.`,
    contact: "Contact",
    language: "Preferred language",
    phone: "Phone",
    reason: "Reason for the referral",
    reply: (who: string) =>
      `Please reply to this e-mail or call ${who} to say whether you can serve the family.`,
    agreed: "The family agreed that this information be shared with you for this referral.",
  },
  es: {
    subject: (service: string) => `Referencia a ${service}`,
    intro: (org: string, who: string) => `${who} de ${org} refiere a una familia a su servicio.`,
    contact: "Contacto",
    language: "Idioma preferido",
    phone: "Teléfono",
    reason: "Motivo de la referencia",
    reply: (who: string) =>
      `Por favor responda a este correo o llame a ${who} para indicar si puede atender a la familia.`,
    agreed: "La familia aceptó que esta información se comparta con ustedes para esta referencia.",
  },
} as const;

/**
 * E-mails an off-Trellis referral to the provider. Only the sending organization's staff may, only for a
 * provider not on Trellis, and only after confirming the family agreed to share the snapshot with that
 * provider (Trellis consents name Trellis organizations; this agreement is recorded in the audit log).
 */
export async function emailReferral(
  deps: OutreachDeps,
  actor: Actor,
  referralId: string,
  input: { to: string; familyAgreed: boolean; locale?: "en" | "es" | undefined },
  audit: AuditContext,
) {
  const [owner] = await deps.db
    .select({ organizationId: referrals.organizationId })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  authorize(actor, "referral.create", {
    type: "referral",
    id: referralId,
    organizationId: owner?.organizationId ?? null,
  });
  const organizationId = owner?.organizationId as string;
  const row = await loadReferral(deps.db, organizationId, referralId);
  if (!row) throw new AppError("resource.not_found", "Referral not found.");
  if (row.receivingOrganizationId !== null) {
    throw new AppError(
      "referral.on_trellis",
      "This provider answers referrals in Trellis; it sees the referral in its queue.",
    );
  }
  if (!input.familyAgreed) {
    throw new AppError("validation.failed", "Confirm the family agreed to share this with the provider.", [
      { field: "/body/familyAgreed", message: "must be true" },
    ]);
  }
  const locale = input.locale ?? (row.sharedLanguage.startsWith("es") ? "es" : "en");
  const w = WORDS[locale];
  const [orgs, people] = await Promise.all([
    organizationNames(deps.db, [organizationId]),
    userNames(deps.db, [actor.userId]),
  ]);
  const who = people.get(actor.userId) ?? actor.name;
  const body = [
    w.intro(orgs.get(organizationId) ?? "", who),
    "",
    `${w.contact}: ${row.sharedContactName}`,
    `${w.language}: ${row.sharedLanguage}`,
    `${w.phone}: ${row.sharedPhone ?? "—"}`,
    `${w.reason}: ${row.sharedReason}`,
    "",
    w.agreed,
    w.reply(`${who} (${actor.email})`),
  ].join("\n");
  const outboxId = await deps.db.transaction(async (tx) => {
    const id = await deps.mailer.enqueue(tx, {
      organizationId,
      to: input.to,
      subject: w.subject(row.serviceName),
      body,
    });
    await tx
      .update(referrals)
      .set({ emailedTo: input.to, emailedAt: new Date() })
      .where(and(eq(referrals.organizationId, organizationId), eq(referrals.id, referralId)));
    await recordAudit(tx, audit, {
      action: "referral.email",
      outcome: "success",
      resourceType: "referral",
      resourceId: referralId,
      organizationId,
      metadata: { familyId: row.familyId, to: input.to, locale, basis: "family_agreed_at_referral" },
    });
    return id;
  });
  await deps.mailer.deliver(deps.db, outboxId);
  return { emailedTo: input.to, emailedAt: new Date().toISOString() };
}

function requireManagedOrganization(
  actor: Actor,
  action: "referral.provider_links.manage" | "referral.list",
) {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, action, { type: "referral_provider_link", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return organizationId;
}

/** The directory organizations whose referrals the active organization receives. */
export async function listProviderLinks(deps: OutreachDeps, actor: Actor) {
  const organizationId = requireManagedOrganization(actor, "referral.list");
  const rows = await deps.db
    .select({
      hsdsOrganizationId: referralProviderLinks.hsdsOrganizationId,
      name: hsdsOrganizations.name,
      linkedAt: referralProviderLinks.linkedAt,
    })
    .from(referralProviderLinks)
    .leftJoin(hsdsOrganizations, eq(hsdsOrganizations.id, referralProviderLinks.hsdsOrganizationId))
    .where(eq(referralProviderLinks.organizationId, organizationId))
    .orderBy(hsdsOrganizations.name);
  return rows.map((r) => ({
    hsdsOrganizationId: r.hsdsOrganizationId,
    name: r.name ?? "",
    linkedAt: r.linkedAt.toISOString(),
  }));
}

export async function createProviderLink(
  deps: OutreachDeps,
  actor: Actor,
  hsdsOrganizationId: string,
  audit: AuditContext,
) {
  const organizationId = requireManagedOrganization(actor, "referral.provider_links.manage");
  const [provider] = await deps.db
    .select({ id: hsdsOrganizations.id, name: hsdsOrganizations.name })
    .from(hsdsOrganizations)
    .where(eq(hsdsOrganizations.id, hsdsOrganizationId));
  if (!provider) {
    throw new AppError("validation.failed", "No directory organization has this id.", [
      { field: "/body/hsdsOrganizationId", message: "unknown directory organization" },
    ]);
  }
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ organizationId: referralProviderLinks.organizationId })
      .from(referralProviderLinks)
      .where(eq(referralProviderLinks.hsdsOrganizationId, hsdsOrganizationId))
      .for("update");
    if (taken) {
      throw new AppError(
        "referral.provider_linked",
        taken.organizationId === organizationId
          ? "Your organization already receives this provider's referrals."
          : "Another organization already receives this provider's referrals; ask it to let go first.",
      );
    }
    const [row] = await tx
      .insert(referralProviderLinks)
      .values({ organizationId, hsdsOrganizationId, linkedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError("referral.provider_linked", "Another organization linked this provider just now.");
    await recordAudit(tx, audit, {
      action: "referral.provider_link.create",
      outcome: "success",
      resourceType: "referral_provider_link",
      resourceId: hsdsOrganizationId,
      organizationId,
      metadata: { provider: provider.name },
    });
    return { hsdsOrganizationId, name: provider.name, linkedAt: row.linkedAt.toISOString() };
  });
}

export async function deleteProviderLink(
  deps: OutreachDeps,
  actor: Actor,
  hsdsOrganizationId: string,
  audit: AuditContext,
) {
  const organizationId = requireManagedOrganization(actor, "referral.provider_links.manage");
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(referralProviderLinks)
      .where(
        and(
          eq(referralProviderLinks.organizationId, organizationId),
          eq(referralProviderLinks.hsdsOrganizationId, hsdsOrganizationId),
        ),
      )
      .returning({ id: referralProviderLinks.hsdsOrganizationId });
    if (removed.length === 0) throw new AppError("resource.not_found", "Your organization has no such link.");
    await recordAudit(tx, audit, {
      action: "referral.provider_link.delete",
      outcome: "success",
      resourceType: "referral_provider_link",
      resourceId: hsdsOrganizationId,
      organizationId,
    });
  });
}
