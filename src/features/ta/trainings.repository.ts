/** Queries of trainings, their registrations and their anonymous survey responses. */
import { and, asc, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  organizations,
  surveyResponses,
  type TaLevel,
  trainingRegistrations,
  trainings,
} from "../../db/schema/index.ts";

const counts = {
  registered: sql<number>`(select count(*)::int from training_registrations r where r.training_id = ${trainings.id})`,
  attended: sql<number>`(select count(*)::int from training_registrations r where r.training_id = ${trainings.id} and r.attended)`,
  responses: sql<number>`(select count(*)::int from survey_responses s where s.training_id = ${trainings.id})`,
};

const rowColumns = {
  id: trainings.id,
  organizationId: trainings.organizationId,
  organizationName: organizations.name,
  organizerState: organizations.stateCode,
  title: trainings.title,
  description: trainings.description,
  level: trainings.level,
  sectors: trainings.sectors,
  startsAt: trainings.startsAt,
  endsAt: trainings.endsAt,
  location: trainings.location,
  communities: trainings.communities,
  capacity: trainings.capacity,
  survey: trainings.survey,
  surveyToken: trainings.surveyToken,
  surveyOpen: trainings.surveyOpen,
  version: trainings.version,
  ...counts,
};

export type TrainingRow = NonNullable<Awaited<ReturnType<typeof loadTrainingRow>>>;

export interface TrainingScope {
  /** The network organization reading: its own trainings … */
  organizationId: string;
  /** … and those organized by organizations of its state. */
  stateCode: string | null;
  from?: string | undefined;
  to?: string | undefined;
  level?: TaLevel | undefined;
}

function scopeConditions(scope: TrainingScope): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    scope.stateCode
      ? or(eq(trainings.organizationId, scope.organizationId), eq(organizations.stateCode, scope.stateCode))
      : eq(trainings.organizationId, scope.organizationId),
  ];
  if (scope.from) conditions.push(gte(trainings.startsAt, sql`${scope.from}::date`));
  if (scope.to) conditions.push(lt(trainings.startsAt, sql`(${scope.to}::date + 1)`));
  if (scope.level) conditions.push(eq(trainings.level, scope.level));
  return and(...conditions);
}

export async function listTrainingRows(db: DbOrTx, scope: TrainingScope, order: "newest" | "oldest") {
  return db
    .select(rowColumns)
    .from(trainings)
    .innerJoin(organizations, eq(organizations.id, trainings.organizationId))
    .where(scopeConditions(scope))
    .orderBy(order === "newest" ? desc(trainings.startsAt) : asc(trainings.startsAt), asc(trainings.id))
    .limit(500);
}

export async function loadTrainingRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select(rowColumns)
    .from(trainings)
    .innerJoin(organizations, eq(organizations.id, trainings.organizationId))
    .where(eq(trainings.id, id));
  return row;
}

export async function loadTrainingByToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select(rowColumns)
    .from(trainings)
    .innerJoin(organizations, eq(organizations.id, trainings.organizationId))
    .where(eq(trainings.surveyToken, token));
  return row;
}

/** The organizer and state of a training, for access checks. */
export async function trainingOwner(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ organizationId: trainings.organizationId, organizerState: organizations.stateCode })
    .from(trainings)
    .innerJoin(organizations, eq(organizations.id, trainings.organizationId))
    .where(eq(trainings.id, id));
  return row;
}

/** Locks the training row for a change that counts its children (capacity, response cap). */
export async function lockTraining(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: trainings.id, capacity: trainings.capacity, version: trainings.version })
    .from(trainings)
    .where(eq(trainings.id, id))
    .for("update");
  return row;
}

export async function countRegistrations(db: DbOrTx, trainingId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingRegistrations)
    .where(eq(trainingRegistrations.trainingId, trainingId));
  return row?.n ?? 0;
}

export async function countResponses(db: DbOrTx, trainingId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.trainingId, trainingId));
  return row?.n ?? 0;
}

export async function loadRegistrations(db: DbOrTx, trainingId: string) {
  return db
    .select()
    .from(trainingRegistrations)
    .where(eq(trainingRegistrations.trainingId, trainingId))
    .orderBy(asc(trainingRegistrations.registeredAt), asc(trainingRegistrations.name));
}

export async function loadAnswers(db: DbOrTx, trainingIds: string[]) {
  if (trainingIds.length === 0) return [];
  return db
    .select({ trainingId: surveyResponses.trainingId, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(inArray(surveyResponses.trainingId, trainingIds))
    .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
}
