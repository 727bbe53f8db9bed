/**
 * Overlap detection between TA items (requests and engagements), pure: two items overlap when they are for
 * the same recipient (organization, partnership, name, or county), their windows overlap and their topics
 * are similar. Seed 001 asks providers to minimize duplication; these rules decide what to flag.
 */

export type OverlapReason = "same_organization" | "same_partnership" | "same_name" | "same_county";
export type TaItemKind = "request" | "engagement";

export interface OverlapItem {
  /** "request:<uuid>" or "engagement:<uuid>". */
  key: string;
  recipientKind: string;
  recipientName: string;
  recipientOrganizationId: string | null;
  partnershipId: string | null;
  county: string | null;
  stateCode: string;
  topic: string;
  sectors: readonly string[];
  /** The window, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

export interface OverlapOptions {
  /** Windows closer than this many days still count as overlapping. */
  slackDays: number;
  /** Minimum topic similarity (Jaccard over stems), 0..1. */
  threshold: number;
}

export const DEFAULT_OVERLAP_OPTIONS: OverlapOptions = { slackDays: 0, threshold: 0.35 };

export interface OverlapMatch<T extends OverlapItem = OverlapItem> {
  other: T;
  similarity: number;
  reason: OverlapReason;
}

const STOP_WORDS = new Set(
  [
    // English
    "a an and are as at be by for from has have in into is it its of on or our over the their this that to",
    "with without we you your about among across all any can will via per how what who plus new more",
    // Spanish (accents already stripped)
    "el la los las un una unos unas y e o u de del al a en con sin por para que se su sus es son como mas",
    "lo le les nos este esta estos estas ese esa sobre entre hacia desde muy",
  ]
    .join(" ")
    .split(" "),
);

/** Lowercase, accents and punctuation stripped, whitespace collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Longest first; English and Spanish suffixes, so "families" and "familias" both become "famili".
const SUFFIXES: [string, string][] = [
  ["aciones", ""],
  ["ations", ""],
  ["acion", ""],
  ["ation", ""],
  ["mente", ""],
  ["ments", ""],
  ["ment", ""],
  ["ness", ""],
  ["ings", ""],
  ["ing", ""],
  ["ies", "i"],
  ["edly", ""],
  ["ed", ""],
  ["es", ""],
  ["s", ""],
];

/** A crude stem: enough to match a topic's words across plural, gerund and English/Spanish endings. */
export function stem(word: string): string {
  let w = word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      // "classes", "mayores" lose "es"; "homes" only its "s".
      if (suffix === "es" && !/(s|x|z|r|l|n|d|ch|sh)$/.test(w.slice(0, -2))) continue;
      w = w.slice(0, w.length - suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith("y") && w.length > 3) w = `${w.slice(0, -1)}i`;
  if (/[aeo]$/.test(w) && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** The stems of a text, stop words dropped. */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of normalizeText(text).split(" ")) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    out.add(stem(word));
  }
  return out;
}

function tokensOf(item: Pick<OverlapItem, "topic" | "sectors">): Set<string> {
  const tokens = stems(item.topic);
  for (const sector of item.sectors) tokens.add(`sector:${sector}`);
  return tokens;
}

/** Jaccard similarity of the two items' topic stems and sectors, 0..1 (three decimals). */
export function topicSimilarity(
  a: Pick<OverlapItem, "topic" | "sectors">,
  b: Pick<OverlapItem, "topic" | "sectors">,
): number {
  const ta = tokensOf(a);
  const tb = tokensOf(b);
  if (ta.size === 0 && tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared += 1;
  const union = ta.size + tb.size - shared;
  return Math.round((shared / union) * 1000) / 1000;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/** Inclusive windows, allowing `slackDays` between them. */
export function windowsOverlap(
  a: { from: string; to: string },
  b: { from: string; to: string },
  slackDays = 0,
): boolean {
  return dayNumber(a.from) <= dayNumber(b.to) + slackDays && dayNumber(b.from) <= dayNumber(a.to) + slackDays;
}

const COUNTY_KINDS = new Set(["county", "community", "partnership"]);

/** Why two items are for the same recipient, or null when they are not. */
export function sameRecipient(a: OverlapItem, b: OverlapItem): OverlapReason | null {
  if (a.stateCode !== b.stateCode) return null;
  if (a.recipientOrganizationId && a.recipientOrganizationId === b.recipientOrganizationId) {
    return "same_organization";
  }
  if (a.partnershipId && a.partnershipId === b.partnershipId) return "same_partnership";
  const nameA = normalizeText(a.recipientName);
  if (nameA !== "" && nameA === normalizeText(b.recipientName)) return "same_name";
  if (
    a.county &&
    b.county &&
    COUNTY_KINDS.has(a.recipientKind) &&
    COUNTY_KINDS.has(b.recipientKind) &&
    normalizeText(a.county).replace(/ county$/, "") === normalizeText(b.county).replace(/ county$/, "")
  ) {
    return "same_county";
  }
  return null;
}

/** The candidates that overlap the item, most similar first. */
export function findOverlaps<T extends OverlapItem>(
  item: OverlapItem,
  candidates: readonly T[],
  options: OverlapOptions = DEFAULT_OVERLAP_OPTIONS,
): OverlapMatch<T>[] {
  const matches: OverlapMatch<T>[] = [];
  for (const other of candidates) {
    if (other.key === item.key) continue;
    const reason = sameRecipient(item, other);
    if (!reason) continue;
    if (!windowsOverlap(item, other, options.slackDays)) continue;
    const similarity = topicSimilarity(item, other);
    if (similarity < options.threshold) continue;
    matches.push({ other, similarity, reason });
  }
  return matches.sort((x, y) => y.similarity - x.similarity);
}

/** The stored order of a pair, so each pair is kept once. */
export function canonicalPair(keyA: string, keyB: string): { aKey: string; bKey: string } {
  return keyA < keyB ? { aKey: keyA, bKey: keyB } : { aKey: keyB, bKey: keyA };
}

export function itemKey(kind: TaItemKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseItemKey(key: string): { kind: TaItemKind; id: string } | null {
  const [kind, id] = key.split(":");
  if ((kind !== "request" && kind !== "engagement") || !id) return null;
  return { kind, id };
}
