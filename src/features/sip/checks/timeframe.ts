/**
 * "One month, 3, 6, 9 and 12 month timeframes are most practical" (seed 002, glossary "Timeframe", line 540).
 */
import { type Finding, finding } from "./catalogue.ts";
import { type SipItem, subject } from "./items.ts";

export const PRACTICAL_TIMEFRAME_MONTHS = [1, 3, 6, 9, 12] as const;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  un: 1,
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  dieciocho: 18,
};

const NUMBER = `(\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join("|")})`;
const MONTH = "(?:months?|mos?\\.?|mths?|meses|mes)";
const YEAR = "(?:years?|yrs?|años?|anos?)";
const RANGE = "\\s*(?:-|–|to|a|al)\\s*";

/** Ordered: the first pattern that matches wins; each gives the number and whether it counts years. */
const PATTERNS: { pattern: RegExp; years: boolean }[] = [
  // "Months 1–3", "Meses 4 a 6": the end of the range is the deadline.
  { pattern: new RegExp(`\\b${MONTH}\\s*\\d+${RANGE}${NUMBER}(?![\\p{L}\\d])`, "iu"), years: false },
  // "3 months", "6 mos", "1-3 months", "six months", "6 meses"
  { pattern: new RegExp(`(?<![\\p{L}])${NUMBER}\\s*-?\\s*${MONTH}(?![\\p{L}])`, "iu"), years: false },
  // "Month 6", "Mes 6"
  { pattern: new RegExp(`\\b${MONTH}\\s*${NUMBER}(?![\\p{L}\\d])`, "iu"), years: false },
  // "1 year", "two years", "1 año"
  { pattern: new RegExp(`(?<![\\p{L}])${NUMBER}\\s*-?\\s*${YEAR}(?![\\p{L}])`, "iu"), years: true },
  // "Year 1", "Año 2"
  { pattern: new RegExp(`(?<![\\p{L}])${YEAR}\\s*${NUMBER}(?![\\p{L}\\d])`, "iu"), years: true },
];

const toNumber = (token: string) =>
  NUMBER_WORDS[token.toLowerCase()] ?? Number.parseFloat(token.replace(",", "."));

/**
 * The duration a timeframe names, in months: "3 months" → 3, "Month 6" → 6, "Year 1" → 12, "6 meses" → 6.
 * Null when the text is not a duration ("Ongoing", "June 2027", "Quarterly").
 */
export function parseTimeframeMonths(timeframe: string): number | null {
  for (const { pattern, years } of PATTERNS) {
    const match = pattern.exec(timeframe);
    const token = match?.[1];
    if (!token) continue;
    const n = toNumber(token);
    if (!Number.isFinite(n)) continue;
    return years ? n * 12 : n;
  }
  return null;
}

export function checkTimeframesPractical(items: SipItem[]): Finding[] {
  const several = items.filter((i) => i.node.level === "component").length > 1;
  const findings: Finding[] = [];
  for (const m of items) {
    if (m.node.level !== "milestone" || !m.node.timeframe) continue;
    const months = parseTimeframeMonths(m.node.timeframe);
    if (months === null || (PRACTICAL_TIMEFRAME_MONTHS as readonly number[]).includes(months)) continue;
    const who = subject(m, several);
    findings.push(
      finding(
        "sip.timeframe_not_practical",
        {
          en: `${who.en} has a timeframe of ${months} months (“${m.node.timeframe}”); timeframes of 1, 3, 6, 9 or 12 months are the most practical.`,
          es: `${who.es} tiene un plazo de ${months} meses («${m.node.timeframe}»); los plazos de 1, 3, 6, 9 o 12 meses son los más prácticos.`,
        },
        { itemId: m.node.id, section: m.section },
      ),
    );
  }
  return findings;
}
