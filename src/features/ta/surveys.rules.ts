/**
 * Survey answers and scores, pure (no I/O): validating one participant's answers against the training's
 * frozen definition, and summarizing the answers of one training or many (seed 000: "evaluation data from
 * statewide awareness trainings analyzed and used to guide next steps").
 */
import type { SurveyDefinition } from "../../db/schema/ta.ts";

export type Answers = Record<string, number | string>;

export type AnswerProblem = {
  field: string;
  message: string;
};

export const OPEN_ANSWER_MAX = 2000;

/**
 * Problems with one participant's answers: an unknown key, a Likert answer missing or outside 1..scale, an
 * open answer too long. Open questions are optional; blank open answers are dropped from the cleaned copy.
 */
export function checkAnswers(
  survey: SurveyDefinition,
  answers: Answers,
): { problems: AnswerProblem[]; cleaned: Answers } {
  const problems: AnswerProblem[] = [];
  const cleaned: Answers = {};
  const items = new Map(survey.items.map((i) => [i.key, i]));
  const field = (key: string) => `/body/answers/${key}`;
  for (const [key, value] of Object.entries(answers)) {
    const item = items.get(key);
    if (!item) {
      problems.push({ field: field(key), message: `"${key}" is not a question of this survey` });
      continue;
    }
    if (item.kind === "likert") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > survey.scale) {
        problems.push({ field: field(key), message: `must be a whole number from 1 to ${survey.scale}` });
      } else cleaned[key] = value;
    } else if (typeof value !== "string") {
      problems.push({ field: field(key), message: "must be text" });
    } else if (value.length > OPEN_ANSWER_MAX) {
      problems.push({ field: field(key), message: `must be at most ${OPEN_ANSWER_MAX} characters` });
    } else if (value.trim() !== "") cleaned[key] = value.trim();
  }
  for (const item of survey.items) {
    if (item.kind === "likert" && !(item.key in answers)) {
      problems.push({ field: field(item.key), message: "is required" });
    }
  }
  return { problems, cleaned };
}

export interface LikertScore {
  n: number;
  /** Two decimals; null without answers. */
  mean: number | null;
  /** Counts of 1..scale (index 0 holds the 1s). */
  distribution: number[];
  /** Share of answers in the top two points of the scale (4–5 on a 5-point scale), 0–100, one decimal. */
  percentAgree: number | null;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** The lowest point that counts as agreeing: the top two points of the scale. */
export const agreeFrom = (scale: number) => Math.max(1, scale - 1);

export function scoreLikert(values: number[], scale: number): LikertScore {
  const distribution = Array.from({ length: scale }, () => 0);
  let sum = 0;
  let agree = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isInteger(v) || v < 1 || v > scale) continue;
    distribution[v - 1] = (distribution[v - 1] ?? 0) + 1;
    sum += v;
    n += 1;
    if (v >= agreeFrom(scale)) agree += 1;
  }
  return {
    n,
    mean: n === 0 ? null : round(sum / n, 2),
    distribution,
    percentAgree: n === 0 ? null : round((agree / n) * 100, 1),
  };
}

export interface ItemText {
  en: string;
  es: string;
}

export interface TrainingScores {
  responses: number;
  likert: (LikertScore & { key: string; text: ItemText })[];
  open: { key: string; text: ItemText; answers: string[] }[];
  /** The mean of the Likert items' means (items without answers left out), two decimals. */
  meanOfItemMeans: number | null;
}

/** Scores of one training's responses against its survey definition; answers to unknown keys are ignored. */
export function scoreTraining(survey: SurveyDefinition, responses: Answers[]): TrainingScores {
  const likert = survey.items
    .filter((i) => i.kind === "likert")
    .map((item) => ({
      key: item.key,
      text: item.text,
      ...scoreLikert(
        responses.map((r) => r[item.key]).filter((v): v is number => typeof v === "number"),
        survey.scale,
      ),
    }));
  const open = survey.items
    .filter((i) => i.kind === "open")
    .map((item) => ({
      key: item.key,
      text: item.text,
      answers: responses
        .map((r) => r[item.key])
        .filter((v): v is string => typeof v === "string" && v.trim() !== ""),
    }));
  return { responses: responses.length, likert, open, meanOfItemMeans: meanOf(likert.map((l) => l.mean)) };
}

export function meanOf(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return round(present.reduce((a, b) => a + b, 0) / present.length, 2);
}

/** Responses per participant who attended, 0–100 with one decimal; null when nobody attended. */
export function responseRatePercent(responses: number, attended: number): number | null {
  return attended === 0 ? null : round((responses / attended) * 100, 1);
}

export interface EventForSummary {
  survey: SurveyDefinition;
  responses: Answers[];
}

/**
 * Each Likert item across events, pooling the answers of every event whose survey has the item (by key;
 * the text is the newest event's). Items keep the order of their first appearance.
 */
export function scoreAcrossEvents(events: EventForSummary[]): {
  key: string;
  text: ItemText;
  events: number;
  n: number;
  mean: number | null;
  percentAgree: number | null;
}[] {
  const pooled = new Map<string, { text: ItemText; events: number; scale: number; values: number[] }>();
  for (const event of events) {
    for (const item of event.survey.items) {
      if (item.kind !== "likert") continue;
      const entry = pooled.get(item.key) ?? {
        text: item.text,
        events: 0,
        scale: event.survey.scale,
        values: [],
      };
      entry.text = item.text;
      entry.events += 1;
      for (const r of event.responses) {
        const v = r[item.key];
        // Points are only comparable on the same scale; other scales are left out of the pool.
        if (typeof v === "number" && event.survey.scale === entry.scale) entry.values.push(v);
      }
      pooled.set(item.key, entry);
    }
  }
  return [...pooled.entries()].map(([key, entry]) => {
    const score = scoreLikert(entry.values, entry.scale);
    return {
      key,
      text: entry.text,
      events: entry.events,
      n: score.n,
      mean: score.mean,
      percentAgree: score.percentAgree,
    };
  });
}

/** The most responses a training's public survey accepts: a generous ceiling against flooding. */
export function responseCap(registrations: number, capacity: number | null): number {
  return Math.max(registrations, capacity ?? 0, 500);
}
