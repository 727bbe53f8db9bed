/**
 * "The narrative section of the SIP should not exceed 6 to 8 pages" and "the completed SIP be no longer than
 * 25 pages" (seed 002, lines 28 and 11), estimated from word counts.
 */
import type { PlanDocument } from "../../plans/plans.presenter.ts";
import { type Finding, finding } from "./catalogue.ts";
import type { SipItem } from "./items.ts";

/**
 * A single-spaced page of 12-point text with 1-inch margins holds about 500 words. The component matrices
 * hold fewer words a page, so the whole-plan estimate errs low: a warning means the plan is surely long.
 */
export const WORDS_PER_PAGE = 500;
export const NARRATIVE_MAX_PAGES = 8;
export const PLAN_MAX_PAGES = 25;
const NARRATIVE_SECTION = "narrative";
/** The Summary Assessment is an attachment that "does not count towards your 25 page maximum" (line 28). */
const ATTACHMENT_FIELDS = new Set(["narrative.summary_assessment"]);

export function countWords(value: unknown): number {
  if (typeof value === "string") return value.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (typeof value === "number") return 1;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + countWords(v), 0);
  if (value && typeof value === "object") return countWords(Object.values(value));
  return 0;
}

function sectionWords(doc: PlanDocument, key: string): number {
  const values = doc.sections.find((s) => s.key === key)?.values ?? {};
  return Object.entries(values)
    .filter(([field]) => !ATTACHMENT_FIELDS.has(`${key}.${field}`))
    .reduce((sum, [, v]) => sum + countWords(v), 0);
}

function itemWords(items: SipItem[]): number {
  return items.reduce(
    (sum, { node }) =>
      sum +
      countWords([node.number ?? "", node.title, node.fields, node.timeframe ?? "", node.assignee.display]),
    0,
  );
}

const pages = (words: number) => Math.ceil(words / WORDS_PER_PAGE);
const en = (n: number) => n.toLocaleString("en-US");
const es = (n: number) => n.toLocaleString("es-MX");

export function checkLength(doc: PlanDocument, items: SipItem[]): Finding[] {
  const findings: Finding[] = [];
  const narrative = sectionWords(doc, NARRATIVE_SECTION);
  if (pages(narrative) > NARRATIVE_MAX_PAGES) {
    findings.push(
      finding(
        "sip.narrative_too_long",
        {
          en: `The narrative runs to about ${pages(narrative)} pages (${en(narrative)} words at ${WORDS_PER_PAGE} a page); the guide asks for no more than 6 to 8 pages.`,
          es: `La narrativa ocupa unas ${pages(narrative)} páginas (${es(narrative)} palabras a ${WORDS_PER_PAGE} por página); la guía pide no más de 6 a 8 páginas.`,
        },
        { section: NARRATIVE_SECTION },
      ),
    );
  }
  const fieldSections = doc.sections.filter((s) => s.kind === "fields").map((s) => s.key);
  const total =
    countWords([doc.title, doc.header]) +
    fieldSections.reduce((sum, key) => sum + sectionWords(doc, key), 0) +
    itemWords(items);
  if (pages(total) > PLAN_MAX_PAGES) {
    findings.push(
      finding("sip.plan_too_long", {
        en: `The plan runs to about ${pages(total)} pages (${en(total)} words at ${WORDS_PER_PAGE} a page, not counting the Summary Assessment attachment); the guide recommends no more than 25 pages.`,
        es: `El plan ocupa unas ${pages(total)} páginas (${es(total)} palabras a ${WORDS_PER_PAGE} por página, sin contar el anexo de la Evaluación resumida); la guía recomienda no más de 25 páginas.`,
      }),
    );
  }
  return findings;
}
