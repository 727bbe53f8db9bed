/**
 * Demo data for the peer learning library and trainings (issue 8 items 4, 5 and 7): seed 000's two toolkits
 * and seed 001's guiding principles shared by the Strong Foundations TA network, a comment from a partner, a
 * past statewide awareness-level training with registrations, attendance and evaluation responses, and an
 * upcoming implementation-level training. Values are fixed so every demo shows the same results.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  libraryComments,
  libraryResources,
  organizations,
  surveyResponses,
  trainingRegistrations,
  trainings,
  users,
} from "../../db/schema/index.ts";
import { currentTrainingSurvey } from "./surveys.definition.ts";
import { newSurveyToken } from "./trainings.service.ts";

export interface DemoLearningOptions {
  /** The TA provider that shares the toolkits and organizes the trainings, and its staff member. */
  provider: { organization: string; email: string };
  /** A partner organization whose staff member comments on a toolkit. */
  commenter: { organization: string; email: string };
  today?: Date;
}

const RESOURCES = [
  {
    title: "The Early Childhood Community Systems Development Toolkit",
    description:
      "A range of tools for new and existing community partnerships to develop and sustain their partnership: building relationships, sharing information and resources, referral and care coordination, outreach to hard-to-reach families.",
    kind: "toolkit" as const,
    url: "https://example.org/csdwg/community-systems-development-toolkit",
    tags: ["collaboration", "systems development", "community partnerships", "awareness level"],
    sectors: [
      "health",
      "mental_health",
      "early_care_education",
      "family_support",
      "child_welfare",
      "parenting_education",
    ] as const,
    audiences: ["community partnerships", "collaboratives and councils"],
  },
  {
    title:
      "The Resource Toolkit for Home Visiting Programs Serving Infants, Toddlers and Their Families: Implementing a Research-Based Model",
    description:
      "Helps communities and programs/partnerships become familiar with research-based home visiting models and with the existing infrastructure and support in the state to implement them.",
    kind: "toolkit" as const,
    url: "https://example.org/csdwg/home-visiting-resource-toolkit",
    tags: ["home visiting", "research-based models", "implementation level", "infants and toddlers"],
    sectors: ["health", "family_support", "parenting_education", "early_care_education"] as const,
    audiences: ["home visiting programs", "community partnerships"],
  },
  {
    title: "Guiding Principles for Collaboration Among TA Providers",
    description:
      "Principles of practice for TA providers working together on early childhood systems building: nature of TA, communication about TA activities, building TA capacity.",
    kind: "guide" as const,
    url: "https://example.org/federal-partners/guiding-principles",
    tags: ["technical assistance", "collaboration", "peer learning"],
    sectors: ["health", "mental_health", "early_care_education", "family_support"] as const,
    audiences: ["TA providers"],
  },
];

const COMMUNITIES = ["Rockford", "Peoria", "Harbor City", "Any County", "West County"];
const FIRST = ["Ana", "Ben", "Carmen", "Darius", "Elena", "Frank", "Grace", "Hector", "Imani", "Jorge"];
const LAST = ["Alvarez", "Brooks"];
const AGENCIES = [
  "Any County Early Head Start",
  "Harbor Family Resource Center",
  "Rockford Home Visiting Program",
  "Peoria Preschool for All",
  "West County Maternal and Child Health",
];

/** Twelve participants' answers: [objectives, relevant, understand, toolkit, presenters, apply]. */
const ANSWERS: { likert: number[]; mostUseful?: string; nextSteps?: string; locale?: "es" }[] = [
  {
    likert: [5, 5, 4, 5, 5, 5],
    mostUseful: "Walking through the community systems development toolkit together.",
  },
  {
    likert: [4, 5, 4, 4, 5, 4],
    nextSteps: "Help running a needs assessment for home visiting in our county.",
  },
  { likert: [4, 4, 4, 3, 4, 4] },
  { likert: [5, 4, 5, 5, 4, 5], mostUseful: "Hearing how other partnerships built their referral systems." },
  { likert: [3, 3, 4, 3, 4, 3], nextSteps: "Implementation-level TA for our new collaborative." },
  { likert: [5, 5, 5, 4, 5, 5], locale: "es", mostUseful: "Los ejemplos de colaboración entre programas." },
  { likert: [4, 4, 3, 4, 4, 4] },
  { likert: [2, 3, 3, 3, 3, 2], nextSteps: "More time for questions; the afternoon felt rushed." },
  { likert: [4, 5, 4, 5, 4, 4], mostUseful: "The levels of working together, networking to collaboration." },
  { likert: [5, 4, 4, 4, 5, 5] },
  { likert: [4, 4, 5, 5, 4, 4], nextSteps: "A peer call with partnerships that already coordinate intake." },
  { likert: [3, 4, 4, 4, 3, 4], locale: "es" },
];

async function organizationId(db: Db, name: string): Promise<string> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, name));
  if (!row) throw new Error(`demo organization not found: ${name}`);
  return row.id;
}

async function userId(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`demo user not found: ${email}`);
  return row.id;
}

const daysFrom = (today: Date, days: number, hourUtc: number) => {
  const d = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days, hourUtc),
  );
  return d;
};

export async function seedDemoLearning(db: Db, options: DemoLearningOptions) {
  const today = options.today ?? new Date();
  // Every lookup happens before the transaction: PGlite has one connection, so querying `db` inside a
  // transaction callback would wait for itself.
  const providerId = await organizationId(db, options.provider.organization);
  const providerUser = await userId(db, options.provider.email);
  const commenterOrg = await organizationId(db, options.commenter.organization);
  const commenterUser = await userId(db, options.commenter.email);
  const [provider] = await db
    .select({ stateCode: organizations.stateCode })
    .from(organizations)
    .where(eq(organizations.id, providerId));
  const survey = currentTrainingSurvey();
  const likertKeys = survey.items.filter((i) => i.kind === "likert").map((i) => i.key);

  return db.transaction(async (tx) => {
    const resourceIds: string[] = [];
    for (const [i, r] of RESOURCES.entries()) {
      const [row] = await tx
        .insert(libraryResources)
        .values({
          organizationId: providerId,
          title: r.title,
          description: r.description,
          kind: r.kind,
          url: r.url,
          tags: r.tags,
          sectors: [...r.sectors],
          audiences: r.audiences,
          sharedBy: providerUser,
          sharedAt: daysFrom(today, -90 + i * 7, 17),
        })
        .returning({ id: libraryResources.id });
      if (row) resourceIds.push(row.id);
    }
    await tx.insert(libraryComments).values({
      resourceId: resourceIds[0] as string,
      userId: commenterUser,
      organizationId: commenterOrg,
      body: "We used the partnership self-assessment tool with our family resource center partners; it helped us agree on where we are between coordination and cooperation.",
      createdAt: daysFrom(today, -60, 18),
    });

    // Seed 000: "statewide awareness level trainings on collaboration and systems development".
    const [past] = await tx
      .insert(trainings)
      .values({
        organizationId: providerId,
        title: "Statewide awareness training on collaboration and systems development",
        description:
          "Awareness-level outreach: the concept of community partnerships, the two toolkits, and the continuum from networking to collaboration.",
        level: "awareness",
        sectors: ["early_care_education", "family_support", "health", "parenting_education"],
        startsAt: daysFrom(today, -45, 16),
        endsAt: daysFrom(today, -45, 22),
        location: "Sacramento Convention Center, Room 204",
        communities: COMMUNITIES,
        stateCode: provider?.stateCode ?? null,
        capacity: 40,
        survey,
        surveyToken: newSurveyToken(),
        createdBy: providerUser,
        createdAt: daysFrom(today, -75, 17),
      })
      .returning({ id: trainings.id });
    if (!past) throw new Error("demo training not created");
    const registrations = Array.from({ length: 20 }, (_, i) => ({
      trainingId: past.id,
      name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length)]}`,
      email: `participant${i + 1}@example.org`,
      organizationName: AGENCIES[i % AGENCIES.length] ?? null,
      community: COMMUNITIES[i % COMMUNITIES.length] ?? null,
      // Sixteen of twenty came: every fifth registrant did not.
      attended: i % 5 !== 4,
      registeredAt: daysFrom(today, -70 + Math.floor(i / 2), 15),
    }));
    await tx.insert(trainingRegistrations).values(registrations);
    await tx.insert(surveyResponses).values(
      ANSWERS.map((a, i) => {
        const answers: Record<string, number | string> = Object.fromEntries(
          likertKeys.map((key, k) => [key, a.likert[k] ?? 3]),
        );
        if (a.mostUseful) answers.most_useful = a.mostUseful;
        if (a.nextSteps) answers.next_steps = a.nextSteps;
        return {
          trainingId: past.id,
          answers,
          locale: a.locale ?? "en",
          submittedAt: daysFrom(today, -45, 22 + Math.floor(i / 6)),
        };
      }),
    );

    // Seed 000: "implementation level technical assistance offered to individual communities".
    const [upcoming] = await tx
      .insert(trainings)
      .values({
        organizationId: providerId,
        title: "Implementation level: building and strengthening your community partnership",
        description:
          "Implementation-level technical assistance for communities ready to build their partnership and choose a home visiting model.",
        level: "implementation",
        sectors: ["family_support", "health", "parenting_education"],
        startsAt: daysFrom(today, 21, 16),
        endsAt: daysFrom(today, 21, 20),
        location: "Rockford Public Library, Community Room",
        communities: ["Rockford", "Peoria"],
        stateCode: provider?.stateCode ?? null,
        capacity: 25,
        survey,
        surveyToken: newSurveyToken(),
        createdBy: providerUser,
      })
      .returning({ id: trainings.id });
    if (upcoming) {
      await tx.insert(trainingRegistrations).values(
        ["Ana Alvarez", "Darius Brooks", "Imani Alvarez"].map((name, i) => ({
          trainingId: upcoming.id,
          name,
          organizationName: AGENCIES[i + 2] ?? null,
          community: i === 0 ? "Rockford" : "Peoria",
        })),
      );
    }
    return { resources: resourceIds.length, trainings: upcoming ? 2 : 1, responses: ANSWERS.length };
  });
}
