import { type Static, Type } from "typebox";

/** Text in both languages of the UI. */
export const I18nText = Type.Object(
  { en: Type.String({ minLength: 1 }), es: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
export type I18nText = Static<typeof I18nText>;

export const FIELD_TYPES = [
  "text",
  "textarea",
  "date",
  "month",
  "number",
  "select",
  "contacts",
  "boolean",
] as const;

export const FieldDefinition = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9_]*$" }),
    label: I18nText,
    help: Type.Optional(I18nText),
    type: Type.Enum(FIELD_TYPES),
    required: Type.Optional(Type.Boolean()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    /** For select fields. */
    options: Type.Optional(
      Type.Array(Type.Object({ value: Type.String(), label: I18nText }, { additionalProperties: false })),
    ),
  },
  { additionalProperties: false },
);
export type FieldDefinition = Static<typeof FieldDefinition>;

export const NUMBERING_STYLES = ["none", "arabic", "roman", "goal", "path"] as const;

export const LevelDefinition = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9_]*$" }),
    label: I18nText,
    /**
     * arabic: 1, 2 · roman: I, II · goal: 1.0, 2.0 · path: <parent number>.n (1.1, 1.1.1) · none.
     * scope "plan" numbers across the whole plan (Objective I, II, III under different goals).
     */
    numbering: Type.Object(
      {
        style: Type.Enum(NUMBERING_STYLES),
        scope: Type.Optional(Type.Enum(["parent", "plan"])),
        /** Shown before the number in documents, e.g. "Objective", "Strategy". */
        prefix: Type.Optional(I18nText),
      },
      { additionalProperties: false },
    ),
    /** The level's main text (goal statement, action step, milestone). */
    titleLabel: I18nText,
    /** Which tracking attributes items of this level have. Trackable items count toward progress. */
    tracking: Type.Object(
      {
        status: Type.Boolean(),
        assignee: Type.Boolean(),
        dueDate: Type.Boolean(),
        timeframe: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    assigneeLabel: Type.Optional(I18nText),
    dueDateLabel: Type.Optional(I18nText),
    timeframeLabel: Type.Optional(I18nText),
    fields: Type.Array(FieldDefinition),
    children: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type LevelDefinition = Static<typeof LevelDefinition>;

export const SectionDefinition = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9_]*$" }),
    label: I18nText,
    help: Type.Optional(I18nText),
    /** fields: a block of plan-level fields (narrative). items: a list of items of rootLevel. */
    kind: Type.Enum(["fields", "items"]),
    fields: Type.Optional(Type.Array(FieldDefinition)),
    rootLevel: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type SectionDefinition = Static<typeof SectionDefinition>;

export const TemplateDefinition = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9-]*$" }),
    version: Type.Integer({ minimum: 1 }),
    name: I18nText,
    description: I18nText,
    /** Where the structure comes from (a seed document, a guide). */
    source: Type.String(),
    /** Default plan period in months (12 for Linkages, 60 for a SIP); null when open-ended. */
    periodMonths: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    header: Type.Array(FieldDefinition),
    sections: Type.Array(SectionDefinition, { minItems: 1 }),
    levels: Type.Array(LevelDefinition, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type TemplateDefinition = Static<typeof TemplateDefinition>;
