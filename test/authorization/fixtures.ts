import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import {
  breakGlassAccesses,
  consents,
  libraryResources,
  partnerships,
  plans,
  planVersions,
  type Role,
  referrals,
  taEngagements,
  taOverlaps,
  taRequests,
  trainings,
} from "../../src/db/schema/index.ts";
import {
  createOrganization,
  createOrganizationWithRoles,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "../helpers.ts";
import type { PrincipalKey } from "./expectations.ts";

/** The organizations the matrix runs against. Every one is in California, so state policies apply. */
export interface World {
  /** The county organization that owns most fixtures. */
  county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
  /** A TA provider that owns the engagement and the training (TA items belong to the network). */
  network: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
  /** Another county organization: the outsider. */
  other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
  /** Staff of the state agency, with the state reviewer capability. */
  state: Session & { organizationId: string };
  /** Staff of another TA provider of the state. */
  ta: Session & { organizationId: string };
}

/** The things of the owning organizations that the requests point at. */
export interface Fixture {
  countyId: string;
  networkId: string;
  /** A Linkages work plan (content editable). */
  planId: string;
  itemId: string;
  changeId: string;
  /** A county SIP still in draft (team edits). */
  draftSipId: string;
  /** A county SIP submitted to the state: state reviewers read it. */
  submittedSipId: string;
  familyId: string;
  memberId: string;
  referralId: string;
  consentId: string;
  breakGlassId: string;
  partnershipId: string;
  taRequestId: string;
  taEngagementId: string;
  taOverlapId: string;
  resourceId: string;
  trainingId: string;
  /** Set by an entry's `prepare` step: a thing made fresh for one allowed request, or a current version. */
  fresh: string;
  version: number;
}

export async function createWorld(ctx: TestContext): Promise<World> {
  const county = await createOrganizationWithRoles(ctx);
  const network = await createOrganizationWithRoles(ctx, "ta_provider");
  const other = await createOrganizationWithRoles(ctx);
  const stateOrg = await createOrganization(ctx, { type: "state_agency" });
  const stateUser = await createUser(ctx, {
    organizationId: stateOrg.id,
    role: "staff",
    capabilities: ["state_reviewer"],
  });
  const taOrg = await createOrganization(ctx, { type: "ta_provider" });
  const taUser = await createUser(ctx, { organizationId: taOrg.id, role: "staff" });
  return {
    county,
    network,
    other,
    state: { ...(await signIn(ctx, stateUser)), organizationId: stateOrg.id },
    ta: { ...(await signIn(ctx, taUser)), organizationId: taOrg.id },
  };
}

/** The session of a principal; null for the anonymous caller. `owner` is the owning organization's. */
export function sessionOf(world: World, owner: "county" | "network", key: PrincipalKey): Session | null {
  if (key === "anonymous") return null;
  if (key === "state") return world.state;
  if (key === "ta") return world.ta;
  const [side, role] = key.split(".") as ["owner" | "other", Role];
  return (side === "owner" ? world[owner] : world.other)[role];
}

export async function createFixture(ctx: TestContext, world: World): Promise<Fixture> {
  const manager = world.county.manager;
  const plan = (await manager.inject(newPlan("linkages-work-plan"))).json();
  const topic = (
    await manager.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items`,
      payload: {
        section: "administration",
        level: "topic_area_administration",
        title: "t",
        fields: { topic: "funding" },
      },
    })
  ).json();
  const history = (await manager.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })).json();
  const draftSip = (await manager.inject(newPlan("county-sip"))).json();
  const submittedSip = (await manager.inject(newPlan("county-sip"))).json();
  await ctx.database.db.update(plans).set({ status: "submitted" }).where(eq(plans.id, submittedSip.id));
  // A frozen version 1 (as at an acceptance), so the versions can be compared.
  const snapshot = (await manager.inject({ method: "GET", url: `/api/plans/${submittedSip.id}` })).json();
  await ctx.database.db.insert(planVersions).values({
    organizationId: world.county.org.id,
    planId: submittedSip.id,
    version: 1,
    snapshot,
    acceptedAt: new Date("2025-06-01T00:00:00Z"),
    annualUpdateDue: "2026-06-01",
  });
  const family = await createFamily(world);
  const county = world.county.org.id;
  const [referral] = await ctx.database.db
    .insert(referrals)
    .values(referralRow(county, family.id))
    .returning({ id: referrals.id });
  const [consent] = await ctx.database.db
    .insert(consents)
    .values(consentRow(county, family.id))
    .returning({ id: consents.id });
  // The family consents to share its contact details with the TA provider for service coordination.
  await ctx.database.db.insert(consents).values({
    ...consentRow(county, family.id),
    receivingOrganizationIds: [world.ta.organizationId],
    purposes: ["service_coordination"],
  });
  const [access] = await ctx.database.db
    .insert(breakGlassAccesses)
    .values(breakGlassRow(world, family.id))
    .returning({ id: breakGlassAccesses.id });
  return {
    countyId: county,
    networkId: world.network.org.id,
    planId: plan.id,
    itemId: topic.item.id,
    changeId: history.items[0].id,
    draftSipId: draftSip.id,
    submittedSipId: submittedSip.id,
    familyId: family.id,
    memberId: family.members[0]?.id ?? "",
    referralId: referral?.id ?? "",
    consentId: consent?.id ?? "",
    breakGlassId: access?.id ?? "",
    ...(await insertTaFixture(ctx, world)),
    ...(await insertLearningFixture(ctx, world)),
    fresh: "",
    version: 1,
  };
}

export function newPlan(templateKey: string) {
  return {
    method: "POST" as const,
    url: "/api/plans",
    payload: { templateKey, title: `Owner ${templateKey}`, header: { county: "Any" } },
  };
}

export async function createFamily(world: World): Promise<{ id: string; members: { id: string }[] }> {
  const response = await world.county.staff.inject({
    method: "POST",
    url: "/api/families",
    payload: {
      displayName: `Owner family ${randomUUID().slice(0, 8)}`,
      confirmNotDuplicate: true,
      members: [{ firstName: "Ana", lastName: "Owner", dateOfBirth: "1990-01-01", relationship: "parent" }],
    },
  });
  if (response.statusCode !== 201) throw new Error(`family: ${response.statusCode} ${response.body}`);
  return response.json();
}

export function referralRow(organizationId: string, familyId: string) {
  return {
    organizationId,
    familyId,
    serviceId: randomUUID(),
    serviceName: "Owner service",
    sharedContactName: "Ana",
    sharedLanguage: "en",
    sharedReason: "x",
  };
}

export function consentRow(organizationId: string, familyId: string) {
  return {
    organizationId,
    familyId,
    givenByName: "Ana Owner",
    receivingOrganizationIds: [organizationId],
    categories: ["identity_contact" as const],
    purposes: ["referral"] as ("referral" | "service_coordination")[],
    effectiveOn: "2026-01-01",
    method: "verbal" as const,
    witnessName: "x",
  };
}

export function breakGlassRow(world: World, familyId: string) {
  return {
    organizationId: world.county.org.id,
    familyId,
    accessingOrganizationId: world.other.org.id,
    userId: world.other.staff.me.user.id,
    reason: "An emergency that is long enough to pass.",
    // Already over: an open access would (rightly) let the outsider read the family in getSharedFamily.
    openedAt: new Date(Date.now() - 5 * 3_600_000),
    expiresAt: new Date(Date.now() - 3_600_000),
  };
}

const taItem = {
  recipientKind: "county" as const,
  recipientName: "Any County",
  stateCode: "CA",
  topic: "Owner topic",
  sectors: ["health" as const],
  level: "awareness" as const,
};

/** A TA request logged by the county, an engagement provided by the network owner, and their overlap. */
export async function insertTaRequest(ctx: TestContext, organizationId: string): Promise<string> {
  const [request] = await ctx.database.db
    .insert(taRequests)
    .values({ ...taItem, organizationId, wantedFrom: "2026-01-01", wantedTo: "2026-01-31" })
    .returning({ id: taRequests.id });
  return request?.id ?? "";
}

export async function insertTaOverlap(ctx: TestContext, requestId: string, engagementId: string) {
  const [overlap] = await ctx.database.db
    .insert(taOverlaps)
    .values({
      stateCode: "CA",
      aKey: `request:${requestId}`,
      bKey: `engagement:${engagementId}`,
      similarity: 1,
      reason: "same_name",
    })
    .returning({ id: taOverlaps.id });
  return overlap?.id ?? "";
}

async function insertTaFixture(ctx: TestContext, world: World) {
  const [partnership] = await ctx.database.db
    .insert(partnerships)
    .values({
      stewardOrganizationId: world.county.org.id,
      name: "Owner partnership",
      geographyKind: "county",
      geographyName: "Any",
    })
    .returning({ id: partnerships.id });
  const taRequestId = await insertTaRequest(ctx, world.county.org.id);
  const [engagement] = await ctx.database.db
    .insert(taEngagements)
    .values({
      ...taItem,
      providerOrganizationId: world.network.org.id,
      startsOn: "2026-01-01",
      endsOn: "2026-01-31",
    })
    .returning({ id: taEngagements.id });
  const taEngagementId = engagement?.id ?? "";
  return {
    partnershipId: partnership?.id ?? "",
    taRequestId,
    taEngagementId,
    taOverlapId: await insertTaOverlap(ctx, taRequestId, taEngagementId),
  };
}

/** A library resource shared by the county and a training organized by the network owner. */
async function insertLearningFixture(ctx: TestContext, world: World) {
  const [resource] = await ctx.database.db
    .insert(libraryResources)
    .values({
      organizationId: world.county.org.id,
      title: "Owner toolkit",
      kind: "toolkit",
      tags: [],
      sectors: [],
      audiences: [],
    })
    .returning({ id: libraryResources.id });
  const [training] = await ctx.database.db
    .insert(trainings)
    .values({
      organizationId: world.network.org.id,
      title: "Owner training",
      level: "awareness",
      sectors: [],
      startsAt: new Date("2026-01-15T16:00:00Z"),
      communities: [],
      survey: {
        key: "t",
        version: 1,
        title: { en: "t", es: "t" },
        scale: 5,
        anchors: { low: { en: "l", es: "l" }, high: { en: "h", es: "h" } },
        items: [],
      },
      surveyToken: randomUUID().replaceAll("-", ""),
    })
    .returning({ id: trainings.id });
  return { resourceId: resource?.id ?? "", trainingId: training?.id ?? "" };
}
