import { useTranslation } from "react-i18next";
import type { Me } from "../../app/types.ts";
import type {
  FieldDefinition,
  I18nText,
  LevelDefinition,
  PlanAccess,
  PlanDocument,
  PlanItemNode,
  TemplateDefinition,
} from "./plans.types.ts";

export type Localize = (text: I18nText | undefined) => string;

/** Picks the page language's text out of a template's `{ en, es }` labels. */
export function useLocalize(): Localize {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === "es" ? "es" : "en";
  return (text) => (text ? text[language] || text.en : "");
}

export function usePageLocale(): "en" | "es" {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === "es" ? "es" : "en";
}

/** Formats a calendar date (YYYY-MM-DD) or month (YYYY-MM) in the page language, without time zone shifts. */
export function useIsoDateFormat() {
  const locale = usePageLocale();
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  return (value: string | null | undefined): string => {
    if (!value) return "";
    if (/^\d{4}-\d{2}$/.test(value)) return month.format(new Date(`${value}-01T00:00:00Z`));
    const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : day.format(date);
  };
}

export function levelOf(template: TemplateDefinition, key: string): LevelDefinition | undefined {
  return template.levels.find((level) => level.key === key);
}

/** Leaf levels are rows of a table in the documents (action steps, milestones, deliverables). */
export function isRowLevel(level: LevelDefinition): boolean {
  return level.children.length === 0;
}

/** "Improvement Goal 1.0", "Objective I", "Action step 3", "Work plan topic area". */
export function itemName(
  localize: Localize,
  level: LevelDefinition,
  item: Pick<PlanItemNode, "number">,
): string {
  const base = localize(level.numbering.prefix) || localize(level.label);
  return item.number ? `${base} ${item.number}` : base;
}

/** "Action step" → "action step" inside a sentence; "SIP component" keeps its capitals. */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

const SUMMARY_LENGTH = 90;

function shorten(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > SUMMARY_LENGTH ? `${clean.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…` : clean;
}

/** The text a select field shows for its value ("Strategic direction"). */
export function optionLabel(localize: Localize, field: FieldDefinition, value: unknown): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? localize(option.label) : typeof value === "string" ? value : "";
}

/**
 * The heading of an item shown as a block: its name and what it is about — the first choice field
 * ("Work plan topic area: Strategic direction"; "Other" gives way to the text typed next to it), or else
 * the start of its title ("Goal: Advise the Home Visiting Task Force…").
 */
export function itemHeading(localize: Localize, level: LevelDefinition, item: PlanItemNode): string {
  const name = itemName(localize, level, item);
  const select = level.fields.find((f) => f.type === "select");
  let summary = "";
  if (select && typeof item.fields[select.key] === "string" && item.fields[select.key] !== "") {
    summary = optionLabel(localize, select, item.fields[select.key]);
    if (item.fields[select.key] === "other") {
      const other = level.fields.find(
        (f) => f.type === "text" && typeof item.fields[f.key] === "string" && item.fields[f.key] !== "",
      );
      if (other) summary = String(item.fields[other.key]);
    }
  } else if (item.title.trim()) {
    summary = shorten(item.title);
  }
  return summary ? `${name}: ${summary}` : name;
}

export function canEditPlan(access: PlanAccess): boolean {
  return access === "editor" || access === "owner";
}

/** Contributors may change status and add notes on what is assigned to them or to one of their organizations. */
export function canUpdateProgress(access: PlanAccess, item: PlanItemNode, me: Me): boolean {
  if (canEditPlan(access)) return true;
  if (access !== "contributor") return false;
  return (
    item.assignee.userId === me.user.id ||
    (item.assignee.organizationId !== null &&
      me.memberships.some((m) => m.organizationId === item.assignee.organizationId))
  );
}

/** Depth-first over every item of the plan, with the item it belongs to. */
export function* walkPlan(
  plan: PlanDocument,
): Generator<{ item: PlanItemNode; parent: PlanItemNode | null; sectionKey: string }> {
  function* walk(
    nodes: PlanItemNode[],
    parent: PlanItemNode | null,
    sectionKey: string,
  ): Generator<{ item: PlanItemNode; parent: PlanItemNode | null; sectionKey: string }> {
    for (const item of nodes) {
      yield { item, parent, sectionKey };
      yield* walk(item.children, item, sectionKey);
    }
  }
  for (const section of plan.sections) yield* walk(section.items, null, section.key);
}

export function isoToday(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The text of a field value for reading (tables, history). */
export function fieldText(
  localize: Localize,
  formatDate: (value: string) => string,
  field: FieldDefinition,
  value: unknown,
  yesNo: { yes: string; no: string },
): string {
  if (value === null || value === undefined || value === "") return "";
  switch (field.type) {
    case "select":
      return optionLabel(localize, field, value);
    case "date":
    case "month":
      return typeof value === "string" ? formatDate(value) : "";
    case "boolean":
      return value === true ? yesNo.yes : value === false ? yesNo.no : "";
    case "contacts":
      return Array.isArray(value)
        ? value
            .map((c) =>
              [c?.name, c?.title, c?.phone, c?.email]
                .filter((part) => typeof part === "string" && part)
                .join(", "),
            )
            .filter(Boolean)
            .join("; ")
        : "";
    default:
      return String(value);
  }
}
