import { Type } from "typebox";
import { CONTACT_KINDS, INTENSITY_LEVELS } from "../../db/schema/families.ts";
import { Uuid } from "../../server/schema.ts";

const IsoDate = Type.String({ format: "date" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const ShortText = (maxLength = 300) => Type.String({ maxLength });
const Language = Type.String({ minLength: 2, maxLength: 35, pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$" });
export const Intensity = Type.Enum(INTENSITY_LEVELS);
export const ContactKind = Type.Enum(CONTACT_KINDS);
export const CaseStep = Type.Enum(["intake", "assessment", "service_plan", "monitoring", "closed"]);

export const FamilyParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PlanRevisionParams = Type.Object(
  { id: Uuid, revision: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const MemberInput = Type.Object(
  {
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    lastName: Type.String({ minLength: 1, maxLength: 100 }),
    dateOfBirth: Type.Optional(Nullable(IsoDate)),
    relationship: Type.Enum(["parent", "guardian", "child", "grandparent", "sibling", "partner", "other"]),
    preferredLanguage: Type.Optional(Nullable(Language)),
    phone: Type.Optional(Nullable(ShortText(40))),
  },
  { additionalProperties: false },
);

const familyFields = {
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  preferredLanguage: Language,
  phone: Nullable(ShortText(40)),
  email: Nullable(Type.String({ format: "email", maxLength: 254 })),
  address: Nullable(ShortText(500)),
  referralSource: Nullable(ShortText(200)),
  referralDate: Nullable(IsoDate),
  program: Nullable(ShortText(200)),
  enrollmentDate: Nullable(IsoDate),
  caseManagerUserId: Nullable(Uuid),
};

export const CreateFamilyBody = Type.Object(
  {
    displayName: familyFields.displayName,
    preferredLanguage: Type.Optional(familyFields.preferredLanguage),
    phone: Type.Optional(familyFields.phone),
    email: Type.Optional(familyFields.email),
    address: Type.Optional(familyFields.address),
    referralSource: Type.Optional(familyFields.referralSource),
    referralDate: Type.Optional(familyFields.referralDate),
    program: Type.Optional(familyFields.program),
    enrollmentDate: Type.Optional(familyFields.enrollmentDate),
    caseManagerUserId: Type.Optional(familyFields.caseManagerUserId),
    members: Type.Array(MemberInput, { minItems: 1, maxItems: 20 }),
    /** Create even though possible duplicates were found (the intake worker checked them). */
    confirmNotDuplicate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateFamilyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(familyFields.displayName),
    preferredLanguage: Type.Optional(familyFields.preferredLanguage),
    phone: Type.Optional(familyFields.phone),
    email: Type.Optional(familyFields.email),
    address: Type.Optional(familyFields.address),
    referralSource: Type.Optional(familyFields.referralSource),
    referralDate: Type.Optional(familyFields.referralDate),
    program: Type.Optional(familyFields.program),
    enrollmentDate: Type.Optional(familyFields.enrollmentDate),
    caseManagerUserId: Type.Optional(familyFields.caseManagerUserId),
  },
  { additionalProperties: false },
);

/** A member added after intake (a newborn, someone who moved in): the family's version, then the member. */
export const AddMemberBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...MemberInput.properties },
  { additionalProperties: false },
);

/** A correction to one member; fields not sent stay as they are. */
export const UpdateMemberBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    firstName: Type.Optional(MemberInput.properties.firstName),
    lastName: Type.Optional(MemberInput.properties.lastName),
    dateOfBirth: Type.Optional(Nullable(IsoDate)),
    relationship: Type.Optional(MemberInput.properties.relationship),
    preferredLanguage: Type.Optional(Nullable(Language)),
    phone: Type.Optional(Nullable(ShortText(40))),
  },
  { additionalProperties: false },
);

export const MemberParams = Type.Object({ id: Uuid, memberId: Uuid }, { additionalProperties: false });
export const RemoveMemberQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const MergeFamilyBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), duplicateId: Uuid },
  { additionalProperties: false },
);

export const ListFamiliesQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    dateOfBirth: Type.Optional(IsoDate),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Enum(["open", "closed", "all"])),
  },
  { additionalProperties: false },
);

export const CreateAssessmentBody = Type.Object(
  {
    instrumentKey: Type.Optional(Type.String({ maxLength: 100 })),
    assessedOn: IsoDate,
    scores: Type.Record(Type.String({ maxLength: 64 }), Type.Integer(), { maxProperties: 50 }),
    crisisKinds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20, uniqueItems: true }),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const SetIntensityBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    level: Intensity,
    reason: Type.String({ minLength: 3, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

const Step = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 1000 }),
    who: Type.String({ minLength: 1, maxLength: 200 }),
    when: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
const Goal = Type.Object(
  {
    goal: Type.String({ minLength: 1, maxLength: 2000 }),
    domain: Type.Optional(Type.String({ maxLength: 64 })),
    steps: Type.Array(Step, { maxItems: 30 }),
    servicesNeeded: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 30 }),
  },
  { additionalProperties: false },
);
const Disengagement = Type.Object(
  {
    when: Type.String({ minLength: 1, maxLength: 500 }),
    how: Type.String({ minLength: 1, maxLength: 2000 }),
    needs: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const CreateServicePlanBody = Type.Object(
  {
    /** The revision this one replaces (null for the first plan); a newer one in between is a 409. */
    basedOnRevision: Nullable(Type.Integer({ minimum: 1 })),
    goals: Type.Array(Goal, { minItems: 1, maxItems: 20 }),
    disengagement: Disengagement,
    changeNote: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const ServiceReview = Type.Object(
  {
    service: Type.String({ minLength: 1, maxLength: 300 }),
    appropriate: Type.Boolean(),
    helpful: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const LogContactBody = Type.Object(
  {
    contactDate: IsoDate,
    kind: ContactKind,
    durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1440 }))),
    notes: Type.String({ maxLength: 10000 }),
    servicesReview: Type.Optional(Type.Array(ServiceReview, { maxItems: 30 })),
  },
  { additionalProperties: false },
);

export const CloseCaseBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    closedOn: IsoDate,
    reason: Type.Enum(["goals_met", "family_choice", "moved", "no_contact", "transferred", "other"]),
    goalsMet: Type.String({ minLength: 1, maxLength: 5000 }),
    maintenancePlan: Type.String({ minLength: 1, maxLength: 5000 }),
    anticipatedNeeds: Type.String({ minLength: 1, maxLength: 5000 }),
    whereToSeekHelp: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);

export const ReopenCaseBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const CaseloadQuery = Type.Object(
  { view: Type.Optional(Type.Enum(["mine", "supervisor"])) },
  { additionalProperties: false },
);

export const FamilySettingsBody = Type.Object(
  { requirePlanApproval: Type.Boolean() },
  { additionalProperties: false },
);

export const ServicePlanPdfQuery = Type.Object(
  { locale: Type.Optional(Type.Enum(["en", "es"])) },
  { additionalProperties: false },
);

// ---- responses ----

const Due = Nullable(
  Type.Object({ dueOn: Type.String(), overdue: Type.Boolean(), daysOverdue: Type.Integer() }),
);

export const FamilySummary = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  memberNames: Type.Array(Type.String()),
  phone: Nullable(Type.String()),
  preferredLanguage: Type.String(),
  status: Type.String(),
  step: CaseStep,
  intensity: Nullable(Intensity),
  inCrisis: Type.Boolean(),
  childrenUnderFive: Type.Integer(),
  caseManagerUserId: Nullable(Uuid),
  caseManagerName: Nullable(Type.String()),
  lastContactOn: Nullable(Type.String()),
  contactDue: Due,
  reassessmentDue: Due,
  nextAction: Type.String({
    description: "assess · decide_intensity · write_plan · approve_plan · contact · reassess · none",
  }),
  version: Type.Integer(),
});

const Member = Type.Object({
  id: Uuid,
  firstName: Type.String(),
  lastName: Type.String(),
  dateOfBirth: Nullable(Type.String()),
  age: Nullable(Type.Integer()),
  underFive: Type.Boolean(),
  relationship: Type.String(),
  preferredLanguage: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});

const Assessment = Type.Object({
  id: Uuid,
  instrumentKey: Type.String(),
  instrumentVersion: Type.Integer(),
  assessedOn: Type.String(),
  scores: Type.Record(Type.String(), Type.Integer()),
  crisisKinds: Type.Array(Type.String()),
  total: Type.Integer(),
  average: Type.Number(),
  needs: Type.Array(Type.String()),
  suggestedIntensity: Intensity,
  suggestionReasons: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  assessedByName: Nullable(Type.String()),
});

export const ServicePlan = Type.Object({
  id: Uuid,
  revision: Type.Integer(),
  status: Type.String(),
  goals: Type.Array(Goal),
  disengagement: Disengagement,
  changeNote: Nullable(Type.String()),
  createdAt: Type.String(),
  createdByName: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
});

const Contact = Type.Object({
  id: Uuid,
  contactDate: Type.String(),
  kind: ContactKind,
  durationMinutes: Nullable(Type.Integer()),
  notes: Type.String(),
  servicesReview: Type.Array(ServiceReview),
  createdByName: Nullable(Type.String()),
});

const Closure = Type.Object({
  id: Uuid,
  closedOn: Type.String(),
  reason: Type.String(),
  goalsMet: Type.String(),
  maintenancePlan: Type.String(),
  anticipatedNeeds: Type.String(),
  whereToSeekHelp: Type.String(),
  closedByName: Nullable(Type.String()),
  reopenedAt: Nullable(Type.String()),
  reopenReason: Nullable(Type.String()),
});

export const FamilyDocument = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  organizationName: Type.String(),
  displayName: Type.String(),
  preferredLanguage: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  address: Nullable(Type.String()),
  referralSource: Nullable(Type.String()),
  referralDate: Nullable(Type.String()),
  program: Nullable(Type.String()),
  enrollmentDate: Nullable(Type.String()),
  caseManagerUserId: Nullable(Uuid),
  caseManagerName: Nullable(Type.String()),
  status: Type.String(),
  step: CaseStep,
  intensity: Nullable(Intensity),
  intensityReason: Nullable(Type.String()),
  intensityDecidedAt: Nullable(Type.String()),
  /** What the rules suggest from the latest assessment. */
  suggestedIntensity: Nullable(Type.Object({ level: Intensity, reasons: Type.Array(Type.String()) })),
  contactDue: Due,
  reassessmentDue: Due,
  requirePlanApproval: Type.Boolean(),
  members: Type.Array(Member),
  assessments: Type.Array(Assessment),
  servicePlan: Nullable(ServicePlan),
  planRevisions: Type.Array(ServicePlan),
  contacts: Type.Array(Contact),
  closures: Type.Array(Closure),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CaseloadWorker = Type.Object({
  userId: Nullable(Uuid),
  name: Type.String(),
  open: Type.Integer(),
  intensive: Type.Integer(),
  standard: Type.Integer(),
  undecided: Type.Integer(),
  contactsOverdue: Type.Integer(),
  reassessmentsOverdue: Type.Integer(),
  inCrisis: Type.Integer(),
});

export const Caseload = Type.Object({
  view: Type.Enum(["mine", "supervisor"]),
  families: Type.Array(FamilySummary),
  counts: Type.Object({
    open: Type.Integer(),
    contactsOverdue: Type.Integer(),
    reassessmentsDue: Type.Integer(),
    inCrisis: Type.Integer(),
  }),
  workers: Type.Array(CaseloadWorker),
});

export const InstrumentList = Type.Object({
  items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  contactEveryDays: Type.Record(Type.String(), Type.Integer()),
});
