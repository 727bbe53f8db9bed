import { type Static, Type } from "typebox";
import { SECTORS, TA_LEVELS } from "../../db/schema/ta.ts";
import { Locale, Uuid } from "../../server/schema.ts";
import { OPEN_ANSWER_MAX } from "./surveys.rules.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time" });
const Level = Type.Enum(TA_LEVELS);
const Sector = Type.Enum(SECTORS);
const I18n = Type.Object({ en: Type.String(), es: Type.String() });

export const TrainingParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListTrainingsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: "date" })),
    to: Type.Optional(Type.String({ format: "date" })),
    level: Type.Optional(Level),
  },
  { additionalProperties: false },
);
export type TrainingsFilter = Static<typeof ListTrainingsQuery>;

const trainingFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  level: Level,
  sectors: Type.Array(Sector, { maxItems: SECTORS.length }),
  startsAt: Timestamp,
  endsAt: Type.Optional(Nullable(Timestamp)),
  location: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  communities: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 100 }),
  capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000 }))),
};

export const CreateTrainingBody = Type.Object(trainingFields, { additionalProperties: false });
export type CreateTrainingInput = Static<typeof CreateTrainingBody>;

export const UpdateTrainingBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(trainingFields.title),
    description: trainingFields.description,
    level: Type.Optional(Level),
    sectors: Type.Optional(trainingFields.sectors),
    startsAt: Type.Optional(Timestamp),
    endsAt: trainingFields.endsAt,
    location: trainingFields.location,
    communities: Type.Optional(trainingFields.communities),
    capacity: trainingFields.capacity,
    /** Open or close the public evaluation survey. */
    surveyOpen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateTrainingInput = Static<typeof UpdateTrainingBody>;

export const RegisterBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 254 }))),
    organizationName: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    community: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  },
  { additionalProperties: false },
);
export type RegisterInput = Static<typeof RegisterBody>;

export const AttendanceBody = Type.Object(
  { attended: Type.Array(Uuid, { maxItems: 10_000 }) },
  { additionalProperties: false },
);

const summaryFields = {
  id: Uuid,
  version: Type.Integer(),
  title: Type.String(),
  level: Level,
  sectors: Type.Array(Sector),
  startsAt: Timestamp,
  endsAt: Nullable(Timestamp),
  location: Nullable(Type.String()),
  communities: Type.Array(Type.String()),
  capacity: Nullable(Type.Integer()),
  organizationId: Uuid,
  organizationName: Type.String(),
  registered: Type.Integer(),
  attended: Type.Integer(),
  responses: Type.Integer(),
  surveyOpen: Type.Boolean(),
  /** The reader is staff of the organizer: registers, records attendance, hands out the survey link. */
  canManage: Type.Boolean(),
};
export const TrainingSummary = Type.Object(summaryFields);
export type TrainingSummaryDocument = Static<typeof TrainingSummary>;

export const Registration = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Nullable(Type.String()),
  organizationName: Nullable(Type.String()),
  community: Nullable(Type.String()),
  attended: Type.Boolean(),
  registeredAt: Timestamp,
});

export const Training = Type.Object({
  ...summaryFields,
  description: Nullable(Type.String()),
  survey: Type.Object({ key: Type.String(), version: Type.Integer(), title: I18n }),
  /** The public link participants answer the evaluation at; only for the organizer's staff. */
  surveyUrl: Nullable(Type.String()),
  /** Only for the organizer's staff (participants' names are not shared across the network). */
  registrations: Type.Array(Registration),
});
export type TrainingDocument = Static<typeof Training>;
export const TrainingList = Type.Object({ items: Type.Array(TrainingSummary) });

const LikertResult = Type.Object({
  key: Type.String(),
  text: I18n,
  n: Type.Integer(),
  mean: Nullable(Type.Number()),
  /** Counts of 1..scale; index 0 holds the 1s. */
  distribution: Type.Array(Type.Integer()),
  percentAgree: Nullable(Type.Number()),
});

export const TrainingResults = Type.Object({
  training: TrainingSummary,
  scale: Type.Integer(),
  anchors: Type.Object({ low: I18n, high: I18n }),
  responses: Type.Integer(),
  responseRatePercent: Nullable(Type.Number()),
  meanOfItemMeans: Nullable(Type.Number()),
  likert: Type.Array(LikertResult),
  open: Type.Array(Type.Object({ key: Type.String(), text: I18n, answers: Type.Array(Type.String()) })),
});
export type TrainingResultsDocument = Static<typeof TrainingResults>;

export const TrainingResultsSummary = Type.Object({
  events: Type.Array(
    Type.Object({
      trainingId: Uuid,
      title: Type.String(),
      level: Level,
      startsAt: Timestamp,
      organizationName: Type.String(),
      responses: Type.Integer(),
      attended: Type.Integer(),
      responseRatePercent: Nullable(Type.Number()),
      meanOfItemMeans: Nullable(Type.Number()),
    }),
  ),
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      text: I18n,
      events: Type.Integer(),
      n: Type.Integer(),
      mean: Nullable(Type.Number()),
      percentAgree: Nullable(Type.Number()),
    }),
  ),
});
export type TrainingResultsSummaryDocument = Static<typeof TrainingResultsSummary>;

// The public survey: a secret token, no sign-in.
export const SurveyTokenParams = Type.Object(
  { token: Type.String({ pattern: "^[A-Za-z0-9_-]{16,64}$" }) },
  { additionalProperties: false },
);
export const PublicSurveyQuery = Type.Object(
  { locale: Type.Optional(Locale) },
  { additionalProperties: false },
);

export const PublicSurvey = Type.Object({
  locale: Locale,
  title: Type.String(),
  training: Type.Object({ title: Type.String(), startsAt: Timestamp, location: Nullable(Type.String()) }),
  scale: Type.Integer(),
  anchors: Type.Object({ low: Type.String(), high: Type.String() }),
  items: Type.Array(
    Type.Object({ key: Type.String(), kind: Type.Enum(["likert", "open"]), text: Type.String() }),
  ),
});
export type PublicSurveyDocument = Static<typeof PublicSurvey>;

export const SurveyResponseBody = Type.Object(
  {
    answers: Type.Record(
      Type.String({ maxLength: 64 }),
      Type.Union([Type.Integer(), Type.String({ maxLength: OPEN_ANSWER_MAX })]),
      { maxProperties: 60 },
    ),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type SurveyResponseInput = Static<typeof SurveyResponseBody>;
