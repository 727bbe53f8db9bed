/**
 * Demo TA coordination (issue 8 item 7, docs/ta.md): the Community Systems Development Work Group of seed 000
 * and local partnerships with their sectors and level history; four TA requests — two of them, logged by the
 * two TA providers, overlap (same partnership, similar topic, overlapping window) and the overlap is found by
 * the same code as in the app; and engagements with hours, participants and results.
 *
 * Runs through the services, outside any transaction (PGlite has one connection: a query on `db` inside a
 * `db.transaction` callback would wait forever).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { memberships, organizations, users } from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import type { AuditContext } from "../audit/audit.service.ts";
import { createPartnership, recordPartnershipLevel } from "./partnerships.service.ts";
import { loadRequest } from "./ta-requests.repository.ts";
import {
  createTaEngagement,
  createTaRequest,
  updateTaEngagement,
  updateTaRequest,
} from "./ta-requests.service.ts";

export interface DemoTaOptions {
  /** The work group of seed 000 (an organization of type partnership). */
  workGroup: string;
  /** The Strong Foundations grantee: the first TA provider, and its TA specialist. */
  provider: { organization: string; email: string };
  /** A second TA provider of the state. */
  secondProvider: { organization: string; email: string };
  /** A county organization that asks for TA for itself. */
  recipient: { organization: string; email: string };
  /** Organizations that are members of the local partnerships. */
  memberOrganizations: { childWelfare: string; familyResourceCenter: string };
  today?: Date;
}

async function organizationId(db: Db, name: string) {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, name));
  if (!row) throw new Error(`demo TA: no organization ${name}`);
  return row.id;
}

/** The demo user acting for one organization, as the app would see them signed in. */
async function actorFor(db: Db, email: string, organizationName: string): Promise<Actor> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationType: organizations.type,
      organizationState: organizations.stateCode,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(users.email, email));
  const active = rows.find((r) => r.organizationName === organizationName);
  if (!active) throw new Error(`demo TA: ${email} is not in ${organizationName}`);
  return {
    userId: active.userId,
    email,
    name: active.name,
    locale: "en",
    memberships: rows.map((r) => ({
      organizationId: r.organizationId,
      organizationName: r.organizationName,
      organizationType: r.organizationType,
      organizationState: r.organizationState,
      role: r.role,
      capabilities: [],
    })),
    activeOrganizationId: active.organizationId,
    via: "session",
  };
}

const auditOf = (actor: Actor): AuditContext => ({
  actorUserId: actor.userId,
  actorEmail: actor.email,
  organizationId: actor.activeOrganizationId,
  requestId: null,
  ip: null,
});

const day = (today: Date, offset: number) =>
  new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/** Seeds the demo's TA coordination; answers what it made. */
export async function seedDemoTa(db: Db, options: DemoTaOptions) {
  const today = options.today ?? new Date();
  const deps = { db };
  const workGroup = await actorFor(db, options.provider.email, options.workGroup);
  const provider = await actorFor(db, options.provider.email, options.provider.organization);
  const second = await actorFor(db, options.secondProvider.email, options.secondProvider.organization);
  const county = await actorFor(db, options.recipient.email, options.recipient.organization);
  const childWelfareId = await organizationId(db, options.memberOrganizations.childWelfare);
  const frcId = await organizationId(db, options.memberOrganizations.familyResourceCenter);
  const providerId = provider.activeOrganizationId;
  const secondId = second.activeOrganizationId;

  // Seed 000: the work group itself, convened by the Early Learning Council's committees.
  const csdwg = await createPartnership(
    deps,
    workGroup,
    {
      name: "Community Systems Development Work Group",
      geographyKind: "state",
      geographyName: "California",
      meetingSchedule: "Monthly, first Thursday, by video call",
      description:
        "Supports local community partnerships serving young children and their families across the state: technical assistance at the awareness and implementation levels, toolkits, and evaluation of statewide trainings.",
      members: [
        {
          name: "Infant Toddler Committee, Early Learning Council",
          sector: "early_care_education",
          role: "convener",
        },
        { name: "Home Visiting Task Force", sector: "family_support" },
        { name: "Birth to Five Project, Government Interagency Team", sector: "health" },
        {
          name: "Strong Foundations TA Network",
          sector: "family_support",
          organizationId: providerId,
          role: "SF grantee",
        },
        {
          name: "Early Childhood Systems TA Center",
          sector: "early_care_education",
          organizationId: secondId,
        },
      ],
    },
    auditOf(workGroup),
  );
  await recordPartnershipLevel(
    deps,
    workGroup,
    csdwg.id,
    { assessedOn: day(today, -540), level: "coordination", note: "Joint work plan adopted." },
    auditOf(workGroup),
  );

  const homeVisiting = await createPartnership(
    deps,
    provider,
    {
      name: "Any County Home Visiting Partnership",
      geographyKind: "county",
      geographyName: "Any County",
      county: "Any",
      meetingSchedule: "Second Tuesday of the month, 9:30–11:00, Any County Library",
      description:
        "Early childhood programs of Any County building a shared referral and care coordination system.",
      members: [
        {
          name: "Any County Child Welfare Services",
          sector: "child_welfare",
          organizationId: childWelfareId,
        },
        {
          name: "Harbor Family Resource Center",
          sector: "family_support",
          organizationId: frcId,
          role: "co-chair",
        },
        { name: "Any County Public Health Nursing", sector: "health", role: "co-chair" },
        { name: "Any County Head Start and Early Head Start", sector: "early_care_education" },
        { name: "Any County Behavioral Health, Early Childhood Mental Health", sector: "mental_health" },
        { name: "Parents as Teachers of Any County", sector: "parenting_education" },
      ],
    },
    auditOf(provider),
  );
  for (const [offset, level, note] of [
    [-720, "networking", "Programs meet to share information."],
    [-400, "coordination", "Shared outreach calendar and referral list."],
    [-60, "cooperation", "Common intake form piloted by three programs."],
  ] as const) {
    await recordPartnershipLevel(
      deps,
      provider,
      homeVisiting.id,
      { assessedOn: day(today, offset), level, note },
      auditOf(provider),
    );
  }

  const harbor = await createPartnership(
    deps,
    second,
    {
      name: "Harbor Early Childhood Collaborative",
      geographyKind: "community",
      geographyName: "Harbor",
      county: "Any",
      meetingSchedule: "Quarterly",
      members: [
        { name: "Harbor Family Resource Center", sector: "family_support", organizationId: frcId },
        { name: "Harbor Child Care Resource and Referral", sector: "early_care_education" },
        { name: "Harbor Community Clinic", sector: "health" },
      ],
    },
    auditOf(second),
  );
  await recordPartnershipLevel(
    deps,
    second,
    harbor.id,
    {
      assessedOn: day(today, -200),
      level: "networking",
      note: "First meetings after the awareness training.",
    },
    auditOf(second),
  );

  // Four requests. The first two overlap: both providers were asked to help the same partnership choose a
  // home visiting model, in overlapping windows — the second provider is shown the first's request.
  const chooseModel = await createTaRequest(
    deps,
    provider,
    {
      recipientKind: "partnership",
      recipientName: "Any County Home Visiting Partnership",
      partnershipId: homeVisiting.id,
      topic: "Choosing an evidence-based home visiting model",
      description: "Needs assessment and a comparison of models that fit the county's families.",
      sectors: ["family_support", "health"],
      level: "implementation",
      wantedFrom: day(today, 14),
      wantedTo: day(today, 75),
    },
    auditOf(provider),
  );
  const duplicate = await createTaRequest(
    deps,
    second,
    {
      recipientKind: "partnership",
      recipientName: "Any County Home Visiting Partnership",
      partnershipId: homeVisiting.id,
      topic: "Selecting a research-based home visiting model",
      sectors: ["family_support", "health"],
      level: "implementation",
      wantedFrom: day(today, 30),
      wantedTo: day(today, 90),
    },
    auditOf(second),
  );
  if (!duplicate.possibleOverlaps.some((o) => o.id === chooseModel.id)) {
    throw new Error("demo TA: the two overlapping requests were not detected as an overlap");
  }
  await createTaRequest(
    deps,
    county,
    {
      recipientKind: "county",
      recipientName: "Any County",
      recipientOrganizationId: county.activeOrganizationId,
      county: "Any",
      topic: "Trauma-informed practice awareness for child welfare staff",
      sectors: ["child_welfare", "mental_health"],
      level: "awareness",
      wantedFrom: day(today, 20),
      wantedTo: day(today, 120),
    },
    auditOf(county),
  );
  const outreach = await createTaRequest(
    deps,
    provider,
    {
      recipientKind: "community",
      recipientName: "Harbor",
      county: "Any",
      topic: "Awareness outreach: what a community partnership is and does",
      sectors: ["early_care_education", "family_support"],
      level: "awareness",
      wantedFrom: day(today, -120),
      wantedTo: day(today, -60),
    },
    auditOf(provider),
  );

  // Engagements: the awareness outreach given (it answers the Harbor request), and implementation TA under way.
  const given = await createTaEngagement(
    deps,
    provider,
    {
      requestId: outreach.id,
      startsOn: day(today, -100),
      endsOn: day(today, -99),
      activities: "Awareness-level session using the Early Childhood Community Systems Development Toolkit.",
    },
    auditOf(provider),
  );
  await updateTaEngagement(
    deps,
    provider,
    given.id,
    {
      version: given.version,
      status: "completed",
      hours: 6,
      participants: 32,
      results:
        "32 participants from 11 programs; Harbor asked for implementation-level TA to start a collaborative.",
    },
    auditOf(provider),
  );
  const outreachNow = await loadRequest(db, outreach.id);
  if (outreachNow) {
    await updateTaRequest(
      deps,
      provider,
      outreach.id,
      { version: outreachNow.version, status: "completed" },
      auditOf(provider),
    );
  }
  const underWay = await createTaEngagement(
    deps,
    second,
    {
      recipientKind: "partnership",
      recipientName: "Harbor Early Childhood Collaborative",
      partnershipId: harbor.id,
      topic: "Collaboration plan and needs assessment for home visiting",
      sectors: ["family_support", "early_care_education", "health"],
      level: "implementation",
      startsOn: day(today, -45),
      endsOn: day(today, 45),
      activities: "Monthly facilitation; needs assessment survey of member programs.",
      hours: 10,
      participants: 12,
    },
    auditOf(second),
  );
  await updateTaEngagement(
    deps,
    second,
    underWay.id,
    {
      version: underWay.version,
      status: "in_progress",
      results: "Needs assessment survey sent to 9 programs.",
    },
    auditOf(second),
  );
  return { partnerships: 3, requests: 4, engagements: 2, overlaps: duplicate.possibleOverlaps.length };
}
