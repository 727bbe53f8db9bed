import { describe, expect, it } from "vitest";
import type { SurveyDefinition } from "../../db/schema/ta.ts";
import { loadSurveyDefinition, parseSurveyDefinition } from "./surveys.definition.ts";
import {
  checkAnswers,
  meanOf,
  responseCap,
  responseRatePercent,
  scoreAcrossEvents,
  scoreLikert,
  scoreTraining,
} from "./surveys.rules.ts";

const t = (en: string) => ({ en, es: `${en} (es)` });
const survey: SurveyDefinition = {
  key: "test",
  version: 1,
  title: t("Test"),
  scale: 5,
  anchors: { low: t("Strongly disagree"), high: t("Strongly agree") },
  items: [
    { key: "clear", kind: "likert", text: t("Clear") },
    { key: "useful", kind: "likert", text: t("Useful") },
    { key: "comments", kind: "open", text: t("Comments") },
  ],
};

describe("scoreLikert", () => {
  it("answers nulls and an empty distribution without answers", () => {
    expect(scoreLikert([], 5)).toEqual({
      n: 0,
      mean: null,
      distribution: [0, 0, 0, 0, 0],
      percentAgree: null,
    });
  });

  it("scores answers that are all the same", () => {
    expect(scoreLikert([4, 4, 4], 5)).toEqual({
      n: 3,
      mean: 4,
      distribution: [0, 0, 0, 3, 0],
      percentAgree: 100,
    });
    expect(scoreLikert([3, 3], 5).percentAgree).toBe(0);
  });

  it("scores mixed answers: mean to two decimals, agree as the share of 4s and 5s", () => {
    // 1+2+4+5+5+3 = 20 / 6 = 3.333…; agree: 4, 5, 5 = 3 of 6.
    expect(scoreLikert([1, 2, 4, 5, 5, 3], 5)).toEqual({
      n: 6,
      mean: 3.33,
      distribution: [1, 1, 1, 1, 2],
      percentAgree: 50,
    });
    // 2 of 3 agree: 66.7 %.
    expect(scoreLikert([5, 4, 1], 5).percentAgree).toBe(66.7);
  });

  it("counts the top two points as agreeing on other scales and ignores values off the scale", () => {
    expect(scoreLikert([6, 7, 5, 1], 7)).toMatchObject({ n: 4, percentAgree: 50 });
    expect(scoreLikert([0, 6, 2.5, 3], 5)).toMatchObject({ n: 1, mean: 3 });
  });
});

describe("scoreTraining", () => {
  it("scores each Likert item, lists open answers and leaves out missing ones", () => {
    const scores = scoreTraining(survey, [
      { clear: 5, useful: 4, comments: "The toolkit walkthrough." },
      { clear: 4, useful: 2 },
      { clear: 3, useful: 3, comments: "   " },
    ]);
    expect(scores.responses).toBe(3);
    expect(scores.likert.map((l) => [l.key, l.n, l.mean, l.percentAgree])).toEqual([
      ["clear", 3, 4, 66.7],
      ["useful", 3, 3, 33.3],
    ]);
    expect(scores.open).toEqual([
      { key: "comments", text: t("Comments"), answers: ["The toolkit walkthrough."] },
    ]);
    expect(scores.meanOfItemMeans).toBe(3.5);
  });

  it("answers nulls for a training without responses", () => {
    const scores = scoreTraining(survey, []);
    expect(scores.responses).toBe(0);
    expect(scores.meanOfItemMeans).toBeNull();
    expect(scores.likert.every((l) => l.n === 0 && l.mean === null)).toBe(true);
    expect(scores.open[0]?.answers).toEqual([]);
  });
});

describe("across events", () => {
  it("pools each item over the events and counts the events that asked it", () => {
    const items = scoreAcrossEvents([
      { survey, responses: [{ clear: 5, useful: 5 }] },
      {
        survey,
        responses: [
          { clear: 1, useful: 4 },
          { clear: 3, useful: 4 },
        ],
      },
      { survey, responses: [] },
    ]);
    expect(items).toEqual([
      { key: "clear", text: t("Clear"), events: 3, n: 3, mean: 3, percentAgree: 33.3 },
      { key: "useful", text: t("Useful"), events: 3, n: 3, mean: 4.33, percentAgree: 100 },
    ]);
  });

  it("computes response rates and means of means with nulls where there is nothing", () => {
    expect(responseRatePercent(12, 16)).toBe(75);
    expect(responseRatePercent(0, 0)).toBeNull();
    expect(meanOf([4, null, 3])).toBe(3.5);
    expect(meanOf([null])).toBeNull();
    expect(responseCap(20, 30)).toBe(500);
    expect(responseCap(800, null)).toBe(800);
  });
});

describe("checkAnswers", () => {
  it("requires every Likert item and names an unknown key", () => {
    const { problems } = checkAnswers(survey, { clear: 5, bogus: 3 });
    expect(problems).toEqual([
      { field: "/body/answers/bogus", message: '"bogus" is not a question of this survey' },
      { field: "/body/answers/useful", message: "is required" },
    ]);
  });

  it("rejects values off the scale and text for a Likert item", () => {
    const { problems } = checkAnswers(survey, { clear: 6, useful: "4" });
    expect(problems.map((p) => p.field)).toEqual(["/body/answers/clear", "/body/answers/useful"]);
  });

  it("accepts missing and blank open answers, keeping only real ones", () => {
    expect(checkAnswers(survey, { clear: 1, useful: 5 })).toEqual({
      problems: [],
      cleaned: { clear: 1, useful: 5 },
    });
    expect(checkAnswers(survey, { clear: 1, useful: 5, comments: "  " }).cleaned).toEqual({
      clear: 1,
      useful: 5,
    });
    expect(checkAnswers(survey, { clear: 1, useful: 5, comments: 3 }).problems).toHaveLength(1);
  });
});

describe("survey definitions", () => {
  it("loads the training evaluation: six Likert items and two open questions in English and Spanish", () => {
    const definition = loadSurveyDefinition("training-evaluation", 1);
    expect(definition.scale).toBe(5);
    expect(definition.items.filter((i) => i.kind === "likert")).toHaveLength(6);
    expect(definition.items.filter((i) => i.kind === "open")).toHaveLength(2);
    expect(definition.items.every((i) => i.text.es.length > 0)).toBe(true);
  });

  it("refuses a definition with repeated keys or a missing translation", () => {
    expect(() =>
      parseSurveyDefinition({ ...survey, items: [survey.items[0], survey.items[0]] }, "dup"),
    ).toThrow(/keys repeat/);
    expect(() => parseSurveyDefinition({ ...survey, title: { en: "Only English" } }, "no-es")).toThrow(
      /title/,
    );
    expect(() => parseSurveyDefinition({ ...survey, items: [survey.items[2]] }, "open-only")).toThrow(
      /Likert/,
    );
  });
});
