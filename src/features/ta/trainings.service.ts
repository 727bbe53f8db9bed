/**
 * Trainings (seed 000: awareness-level and implementation-level outreach): events organized by a TA
 * network organization, registration and attendance, and the results of their evaluation survey. The
 * state's TA network sees the trainings of its state; only the organizer's staff change one, see who
 * registered, and hand out the survey link.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type Sector, trainingRegistrations, trainings } from "../../db/schema/index.ts";
import { type Actor, authorize, inTaNetwork, membershipIn } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { currentTrainingSurvey } from "./surveys.definition.ts";
import { type Answers, responseRatePercent, scoreAcrossEvents, scoreTraining } from "./surveys.rules.ts";
import {
  countRegistrations,
  listTrainingRows,
  loadAnswers,
  loadRegistrations,
  loadTrainingRow,
  lockTraining,
  type TrainingRow,
  trainingOwner,
} from "./trainings.repository.ts";
import type {
  CreateTrainingInput,
  RegisterInput,
  TrainingDocument,
  TrainingResultsDocument,
  TrainingResultsSummaryDocument,
  TrainingSummaryDocument,
  TrainingsFilter,
  UpdateTrainingInput,
} from "./trainings.schema.ts";

export interface TrainingsDeps {
  db: Db;
  publicUrl: string;
}

const TRAINING = "training";

/** The active organization, which must be in the TA network; with its state. */
function networkOrganization(actor: Actor, action: "training.read" | "training.manage") {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, action, { type: TRAINING, organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return { organizationId, stateCode: membershipIn(actor, organizationId)?.organizationState ?? null };
}

/**
 * Read access to one training: the organizer's network staff, or the TA network of the organizer's state
 * acting for its active organization. Anyone else (and an unknown id) gets 404, audited against the organizer.
 */
async function requireRead(db: Db, actor: Actor, id: string) {
  const owner = await trainingOwner(db, id);
  const deny = () =>
    new AccessDeniedError({
      action: "training.read",
      resourceType: TRAINING,
      resourceId: id,
      organizationId: owner?.organizationId ?? null,
      conceal: true,
    });
  if (!owner) throw deny();
  if (inTaNetwork(actor, owner.organizationId)) return owner;
  const active = actor.activeOrganizationId;
  const state = membershipIn(actor, active)?.organizationState ?? null;
  if (inTaNetwork(actor, active) && state !== null && state === owner.organizerState) return owner;
  throw deny();
}

/** Changes: staff of the organizer only (others get 404, audited against the organizer). */
async function requireManage(db: Db, actor: Actor, id: string) {
  const owner = await trainingOwner(db, id);
  if (!owner) {
    throw new AccessDeniedError({
      action: "training.manage",
      resourceType: TRAINING,
      resourceId: id,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, "training.manage", { type: TRAINING, id, organizationId: owner.organizationId });
  return owner;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentSummary(actor: Actor, row: TrainingRow): TrainingSummaryDocument {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    level: row.level,
    sectors: row.sectors,
    startsAt: row.startsAt.toISOString(),
    endsAt: iso(row.endsAt),
    location: row.location,
    communities: row.communities,
    capacity: row.capacity,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    registered: row.registered,
    attended: row.attended,
    responses: row.responses,
    surveyOpen: row.surveyOpen,
    canManage: inTaNetwork(actor, row.organizationId),
  };
}

async function readTraining(deps: TrainingsDeps, actor: Actor, id: string): Promise<TrainingDocument> {
  const row = await loadTrainingRow(deps.db, id);
  if (!row) throw new AppError("resource.not_found", "Training not found.");
  const summary = presentSummary(actor, row);
  const registrations = summary.canManage ? await loadRegistrations(deps.db, id) : [];
  return {
    ...summary,
    description: row.description,
    survey: { key: row.survey.key, version: row.survey.version, title: row.survey.title },
    surveyUrl: summary.canManage ? `${deps.publicUrl}/survey/${row.surveyToken}` : null,
    registrations: registrations.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organizationName: r.organizationName,
      community: r.community,
      attended: r.attended,
      registeredAt: r.registeredAt.toISOString(),
    })),
  };
}

const cleanList = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];

function checkWindow(startsAt: Date, endsAt: Date | null) {
  if (endsAt && endsAt < startsAt) {
    throw new AppError("validation.failed", "A training cannot end before it starts.", [
      { field: "/body/endsAt", message: "must not be before startsAt" },
    ]);
  }
}

export async function listTrainings(
  deps: TrainingsDeps,
  actor: Actor,
  filter: TrainingsFilter,
): Promise<TrainingSummaryDocument[]> {
  const scope = networkOrganization(actor, "training.read");
  const rows = await listTrainingRows(deps.db, { ...scope, ...filter }, "newest");
  return rows.map((row) => presentSummary(actor, row));
}

/** A secret for the public survey link: 24 random bytes, URL-safe. */
export const newSurveyToken = () => randomBytes(24).toString("base64url");

export async function createTraining(
  deps: TrainingsDeps,
  actor: Actor,
  input: CreateTrainingInput,
  audit: AuditContext,
): Promise<TrainingDocument> {
  const { organizationId, stateCode } = networkOrganization(actor, "training.manage");
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  checkWindow(startsAt, endsAt);
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainings)
      .values({
        organizationId,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        level: input.level,
        sectors: [...new Set(input.sectors)] as Sector[],
        startsAt,
        endsAt,
        location: input.location?.trim() || null,
        communities: cleanList(input.communities),
        stateCode,
        capacity: input.capacity ?? null,
        // A frozen copy: later versions of the survey file never change this training's results.
        survey: currentTrainingSurvey(),
        surveyToken: newSurveyToken(),
        createdBy: actor.userId,
      })
      .returning({ id: trainings.id });
    if (!row) throw new Error("training not created");
    await recordAudit(tx, audit, {
      action: "training.manage",
      outcome: "success",
      resourceType: TRAINING,
      resourceId: row.id,
      organizationId,
      metadata: { change: "create", level: input.level },
    });
    return row.id;
  });
  return readTraining(deps, actor, id);
}

export async function getTraining(deps: TrainingsDeps, actor: Actor, id: string): Promise<TrainingDocument> {
  await requireRead(deps.db, actor, id);
  return readTraining(deps, actor, id);
}

export async function updateTraining(
  deps: TrainingsDeps,
  actor: Actor,
  id: string,
  input: UpdateTrainingInput,
  audit: AuditContext,
): Promise<TrainingDocument> {
  const owner = await requireManage(deps.db, actor, id);
  const current = await loadTrainingRow(deps.db, id);
  if (!current) throw new AppError("resource.not_found", "Training not found.");
  const changes: Partial<typeof trainings.$inferInsert> = {};
  if (input.title !== undefined) changes.title = input.title.trim();
  if (input.description !== undefined) changes.description = input.description?.trim() || null;
  if (input.level !== undefined) changes.level = input.level;
  if (input.sectors !== undefined) changes.sectors = [...new Set(input.sectors)] as Sector[];
  if (input.startsAt !== undefined) changes.startsAt = new Date(input.startsAt);
  if (input.endsAt !== undefined) changes.endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (input.location !== undefined) changes.location = input.location?.trim() || null;
  if (input.communities !== undefined) changes.communities = cleanList(input.communities);
  if (input.capacity !== undefined) changes.capacity = input.capacity;
  if (input.surveyOpen !== undefined) changes.surveyOpen = input.surveyOpen;
  checkWindow(
    changes.startsAt ?? current.startsAt,
    changes.endsAt !== undefined ? changes.endsAt : current.endsAt,
  );
  if (changes.capacity != null && changes.capacity < current.registered) {
    throw new AppError("validation.failed", `${current.registered} people are already registered.`, [
      { field: "/body/capacity", message: `must be at least ${current.registered}` },
    ]);
  }
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(trainings)
      .set({ ...changes, version: input.version + 1 })
      .where(and(eq(trainings.id, id), eq(trainings.version, input.version)))
      .returning({ id: trainings.id });
    if (!row) throw staleVersion("training", current.version);
    await recordAudit(tx, audit, {
      action: "training.manage",
      outcome: "success",
      resourceType: TRAINING,
      resourceId: id,
      organizationId: owner.organizationId,
      metadata: { change: "update", fields: Object.keys(changes) },
    });
  });
  return readTraining(deps, actor, id);
}

export async function registerForTraining(
  deps: TrainingsDeps,
  actor: Actor,
  id: string,
  input: RegisterInput,
  audit: AuditContext,
): Promise<TrainingDocument> {
  const owner = await requireManage(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    // The lock serializes registrations of one training, so two at once cannot both take the last seat.
    const training = await lockTraining(tx, id);
    if (!training) throw new AppError("resource.not_found", "Training not found.");
    const registered = await countRegistrations(tx, id);
    if (training.capacity !== null && registered >= training.capacity) {
      throw new AppError("training.full", `The training is full (${training.capacity} places).`, [
        { message: "capacity reached", capacity: training.capacity, registered },
      ]);
    }
    const [row] = await tx
      .insert(trainingRegistrations)
      .values({
        trainingId: id,
        name: input.name.trim(),
        email: input.email?.trim().toLowerCase() || null,
        organizationName: input.organizationName?.trim() || null,
        community: input.community?.trim() || null,
      })
      .returning({ id: trainingRegistrations.id });
    // The audit keeps that someone registered, not who: the name stays in the registration.
    await recordAudit(tx, audit, {
      action: "training.manage",
      outcome: "success",
      resourceType: TRAINING,
      resourceId: id,
      organizationId: owner.organizationId,
      metadata: { change: "register", registrationId: row?.id ?? null },
    });
  });
  return readTraining(deps, actor, id);
}

export async function recordAttendance(
  deps: TrainingsDeps,
  actor: Actor,
  id: string,
  attended: string[],
  audit: AuditContext,
): Promise<TrainingDocument> {
  const owner = await requireManage(deps.db, actor, id);
  const wanted = [...new Set(attended)];
  const known = new Set((await loadRegistrations(deps.db, id)).map((r) => r.id));
  const unknown = wanted.map((r, i) => ({ r, i })).filter(({ r }) => !known.has(r));
  if (unknown.length > 0) {
    throw new AppError(
      "validation.failed",
      "Some ids are not registrations of this training.",
      unknown.map(({ i }) => ({
        field: `/body/attended/${i}`,
        message: "is not a registration of this training",
      })),
    );
  }
  await deps.db.transaction(async (tx) => {
    if (wanted.length > 0) {
      await tx
        .update(trainingRegistrations)
        .set({ attended: true })
        .where(and(eq(trainingRegistrations.trainingId, id), inArray(trainingRegistrations.id, wanted)));
    }
    await tx
      .update(trainingRegistrations)
      .set({ attended: false })
      .where(
        wanted.length > 0
          ? and(eq(trainingRegistrations.trainingId, id), notInArray(trainingRegistrations.id, wanted))
          : eq(trainingRegistrations.trainingId, id),
      );
    await recordAudit(tx, audit, {
      action: "training.manage",
      outcome: "success",
      resourceType: TRAINING,
      resourceId: id,
      organizationId: owner.organizationId,
      metadata: { change: "attendance", attended: wanted.length },
    });
  });
  return readTraining(deps, actor, id);
}

export async function getTrainingResults(
  deps: TrainingsDeps,
  actor: Actor,
  id: string,
): Promise<TrainingResultsDocument> {
  await requireRead(deps.db, actor, id);
  const row = await loadTrainingRow(deps.db, id);
  if (!row) throw new AppError("resource.not_found", "Training not found.");
  const answers = (await loadAnswers(deps.db, [id])).map((a) => a.answers as Answers);
  const scores = scoreTraining(row.survey, answers);
  return {
    training: presentSummary(actor, row),
    scale: row.survey.scale,
    anchors: row.survey.anchors,
    responses: scores.responses,
    responseRatePercent: responseRatePercent(scores.responses, row.attended),
    meanOfItemMeans: scores.meanOfItemMeans,
    likert: scores.likert,
    open: scores.open,
  };
}

export async function getTrainingResultsSummary(
  deps: TrainingsDeps,
  actor: Actor,
  filter: TrainingsFilter,
): Promise<TrainingResultsSummaryDocument> {
  const scope = networkOrganization(actor, "training.read");
  const rows = await listTrainingRows(deps.db, { ...scope, ...filter }, "oldest");
  const answers = await loadAnswers(
    deps.db,
    rows.map((r) => r.id),
  );
  const byTraining = new Map<string, Answers[]>();
  for (const a of answers) byTraining.set(a.trainingId, [...(byTraining.get(a.trainingId) ?? []), a.answers]);
  const events = rows.map((row) => ({ row, responses: byTraining.get(row.id) ?? [] }));
  return {
    events: events.map(({ row, responses }) => ({
      trainingId: row.id,
      title: row.title,
      level: row.level,
      startsAt: row.startsAt.toISOString(),
      organizationName: row.organizationName,
      responses: responses.length,
      attended: row.attended,
      responseRatePercent: responseRatePercent(responses.length, row.attended),
      meanOfItemMeans: scoreTraining(row.survey, responses).meanOfItemMeans,
    })),
    items: scoreAcrossEvents(events.map(({ row, responses }) => ({ survey: row.survey, responses }))),
  };
}
