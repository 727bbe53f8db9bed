/**
 * Survey definitions are data (src/features/ta/surveys/<key>.v<version>.json): Likert items and open
 * questions in English and Spanish. Each is checked with TypeBox when first loaded, so a broken file stops
 * the first use with its reason instead of producing a survey nobody can answer. A training keeps a frozen
 * copy of the definition it was created with, so editing the file never changes past results.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Static, Type } from "typebox";
import { Value } from "typebox/value";
import type { SurveyDefinition as SurveyDefinitionRow } from "../../db/schema/ta.ts";

const SURVEYS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "surveys");

const Text = Type.Object(
  { en: Type.String({ minLength: 1 }), es: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const SurveyDefinitionSchema = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9-]*$" }),
    version: Type.Integer({ minimum: 1 }),
    title: Text,
    scale: Type.Integer({ minimum: 2, maximum: 10 }),
    anchors: Type.Object({ low: Text, high: Text }, { additionalProperties: false }),
    items: Type.Array(
      Type.Object(
        {
          key: Type.String({ pattern: "^[a-z][a-z0-9_]{0,62}$" }),
          kind: Type.Enum(["likert", "open"]),
          text: Text,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
  },
  { additionalProperties: false },
);
export type SurveyDefinition = Static<typeof SurveyDefinitionSchema> & SurveyDefinitionRow;

/** Checks a definition's shape and its rules (unique keys, at least one Likert item). */
export function parseSurveyDefinition(json: unknown, source: string): SurveyDefinition {
  if (!Value.Check(SurveyDefinitionSchema, json)) {
    const errors = Value.Errors(SurveyDefinitionSchema, json)
      .map((e) => `${e.instancePath || "/"} ${e.message}`)
      .join("; ");
    throw new Error(`survey ${source} is not valid: ${errors}`);
  }
  const keys = json.items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) throw new Error(`survey ${source} is not valid: item keys repeat`);
  if (!json.items.some((i) => i.kind === "likert")) {
    throw new Error(`survey ${source} is not valid: it needs at least one Likert item`);
  }
  return json as SurveyDefinition;
}

/** The survey new trainings use. */
export const TRAINING_EVALUATION = { key: "training-evaluation", version: 1 } as const;

const cache = new Map<string, SurveyDefinition>();

export function loadSurveyDefinition(key: string, version: number): SurveyDefinition {
  const file = `${key}.v${version}.json`;
  const cached = cache.get(file);
  if (cached) return cached;
  const parsed = parseSurveyDefinition(
    JSON.parse(readFileSync(path.join(SURVEYS_FOLDER, file), "utf8")),
    file,
  );
  cache.set(file, parsed);
  return parsed;
}

/** A deep copy, for freezing into a training row. */
export function currentTrainingSurvey(): SurveyDefinition {
  return structuredClone(loadSurveyDefinition(TRAINING_EVALUATION.key, TRAINING_EVALUATION.version));
}
