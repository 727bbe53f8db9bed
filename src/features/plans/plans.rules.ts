/**
 * Pure rules of the plan engine: numbering, roll-up progress, due-date classification, sharing roles.
 * No I/O here; the service and presenter call these.
 */
import type { ItemStatus, ShareRole } from "../../db/schema/plans.ts";
import type { LevelDefinition, TemplateDefinition } from "../templates/template.schema.ts";

export interface NumberableItem {
  id: string;
  parentId: string | null;
  section: string;
  level: string;
  position: number;
}

const ROMAN: [number, string][] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

export function toRoman(n: number): string {
  let rest = n;
  let out = "";
  for (const [value, glyph] of ROMAN) {
    while (rest >= value) {
      out += glyph;
      rest -= value;
    }
  }
  return out;
}

/** Items in document order: sections in template order, then depth-first by position. */
export function documentOrder<T extends NumberableItem>(template: TemplateDefinition, items: T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  for (const list of children.values())
    list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const ordered: T[] = [];
  const walk = (parentId: string) => {
    for (const child of children.get(parentId) ?? []) {
      ordered.push(child);
      walk(child.id);
    }
  };
  for (const section of template.sections) {
    for (const root of (children.get(null) ?? []).filter((i) => i.section === section.key)) {
      ordered.push(root);
      walk(root.id);
    }
  }
  return ordered;
}

/**
 * The number of every item ("I", "1", "1.0", "1.1", "1.1.1"), derived from positions so it stays right
 * when items are added, moved or removed. Items whose level is unnumbered get null.
 */
export function numberItems(
  template: TemplateDefinition,
  items: NumberableItem[],
): Map<string, string | null> {
  const levels = new Map<string, LevelDefinition>(template.levels.map((l) => [l.key, l]));
  const numbers = new Map<string, string | null>();
  const counters = new Map<string, number>();
  for (const item of documentOrder(template, items)) {
    const level = levels.get(item.level);
    const style = level?.numbering.style ?? "none";
    if (style === "none") {
      numbers.set(item.id, null);
      continue;
    }
    const scopeKey =
      level?.numbering.scope === "plan"
        ? `plan:${item.level}`
        : `${item.parentId ?? item.section}:${item.level}`;
    const n = (counters.get(scopeKey) ?? 0) + 1;
    counters.set(scopeKey, n);
    const parentNumber = item.parentId ? (numbers.get(item.parentId) ?? null) : null;
    const base = parentNumber?.endsWith(".0") ? parentNumber.slice(0, -2) : parentNumber;
    switch (style) {
      case "arabic":
        numbers.set(item.id, String(n));
        break;
      case "roman":
        numbers.set(item.id, toRoman(n));
        break;
      case "goal":
        numbers.set(item.id, `${n}.0`);
        break;
      case "path":
        numbers.set(item.id, base ? `${base}.${n}` : String(n));
        break;
    }
  }
  return numbers;
}

export interface Progress {
  /** Trackable items that count (dropped ones do not). */
  total: number;
  completed: number;
  /** 0–100, rounded; null when nothing is tracked yet. */
  percent: number | null;
}

export function progressOf(statuses: (ItemStatus | null)[]): Progress {
  const counted = statuses.filter((s): s is ItemStatus => s !== null && s !== "dropped");
  const completed = counted.filter((s) => s === "completed").length;
  return {
    total: counted.length,
    completed,
    percent: counted.length === 0 ? null : Math.round((completed / counted.length) * 100),
  };
}

export const DUE_SOON_DAYS = 30;

export type DueState = "overdue" | "due_soon" | "later" | "done" | "none";

/** ISO dates compare as strings; `today` is the user's calendar day (YYYY-MM-DD). */
/** `soon` is the last day that counts as due soon; callers classifying many items pass it once. */
export function dueState(
  status: ItemStatus | null,
  dueDate: string | null,
  today: string,
  soon: string = addDays(today, DUE_SOON_DAYS),
): DueState {
  if (status === "completed" || status === "dropped" || status === "deferred") return "done";
  if (!dueDate) return "none";
  if (dueDate < today) return "overdue";
  return dueDate <= soon ? "due_soon" : "later";
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** What someone may do with a plan. */
export type PlanAccess = "none" | ShareRole | "owner";

const ACCESS_RANK: Record<PlanAccess, number> = { none: 0, viewer: 1, contributor: 2, editor: 3, owner: 4 };

export function atLeast(access: PlanAccess, needed: PlanAccess): boolean {
  return ACCESS_RANK[access] >= ACCESS_RANK[needed];
}

/**
 * Access from the owning organization's role, or from a share with the user's organization.
 * A viewer member never gets more than view, whatever the share says.
 */
export function planAccess(input: {
  ownerRole: "viewer" | "staff" | "manager" | "admin" | null;
  shares: { role: ShareRole; memberRole: "viewer" | "staff" | "manager" | "admin" }[];
}): PlanAccess {
  let best: PlanAccess = "none";
  const raise = (a: PlanAccess) => {
    if (ACCESS_RANK[a] > ACCESS_RANK[best]) best = a;
  };
  if (input.ownerRole === "manager" || input.ownerRole === "admin") raise("owner");
  else if (input.ownerRole === "staff") raise("editor");
  else if (input.ownerRole === "viewer") raise("viewer");
  for (const share of input.shares) raise(share.memberRole === "viewer" ? "viewer" : share.role);
  return best;
}
