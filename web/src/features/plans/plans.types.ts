/** Shapes of the plans API (src/features/plans/plans.schema.ts and the template schema are the source). */

export interface I18nText {
  en: string;
  es: string;
}

export const ITEM_STATUSES = ["not_started", "in_progress", "completed", "deferred", "dropped"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const SHARE_ROLES = ["viewer", "contributor", "editor"] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];

export type PlanAccess = "none" | ShareRole | "owner";
export type DueState = "overdue" | "due_soon" | "later" | "done" | "none";

export type FieldType = "text" | "textarea" | "date" | "month" | "number" | "select" | "contacts" | "boolean";

export interface FieldDefinition {
  key: string;
  label: I18nText;
  help?: I18nText;
  type: FieldType;
  required?: boolean;
  maxLength?: number;
  options?: { value: string; label: I18nText }[];
}

export interface LevelDefinition {
  key: string;
  label: I18nText;
  numbering: {
    style: "none" | "arabic" | "roman" | "goal" | "path";
    scope?: "parent" | "plan";
    prefix?: I18nText;
  };
  titleLabel: I18nText;
  tracking: { status: boolean; assignee: boolean; dueDate: boolean; timeframe: boolean };
  assigneeLabel?: I18nText;
  dueDateLabel?: I18nText;
  timeframeLabel?: I18nText;
  fields: FieldDefinition[];
  children: string[];
}

export interface SectionDefinition {
  key: string;
  label: I18nText;
  help?: I18nText;
  kind: "fields" | "items";
  fields?: FieldDefinition[];
  rootLevel?: string;
}

export interface TemplateDefinition {
  key: string;
  version: number;
  name: I18nText;
  description: I18nText;
  source: string;
  periodMonths: number | null;
  header: FieldDefinition[];
  sections: SectionDefinition[];
  levels: LevelDefinition[];
}

export interface Progress {
  total: number;
  completed: number;
  percent: number | null;
}

export interface Assignee {
  userId: string | null;
  userName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  text: string | null;
  display: string;
}

export interface PlanItemNode {
  id: string;
  parentId: string | null;
  section: string;
  level: string;
  position: number;
  number: string | null;
  title: string;
  fields: Record<string, unknown>;
  status: ItemStatus | null;
  assignee: Assignee;
  dueDate: string | null;
  timeframe: string | null;
  dueState: DueState;
  completedAt: string | null;
  version: number;
  updatedAt: string;
  progress: Progress;
  children: PlanItemNode[];
}

export interface PlanSection {
  key: string;
  kind: "fields" | "items";
  values: Record<string, unknown>;
  items: PlanItemNode[];
  progress: Progress;
}

export interface PlanDocument {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  status: string;
  version: number;
  templateKey: string;
  templateVersion: number;
  template: TemplateDefinition;
  periodStart: string | null;
  periodEnd: string | null;
  header: Record<string, unknown>;
  sections: PlanSection[];
  progress: Progress;
  access: PlanAccess;
  createdAt: string;
  updatedAt: string;
}

export interface PlanSummary {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  templateKey: string;
  templateVersion: number;
  templateName: I18nText;
  status: string;
  periodStart: string | null;
  periodEnd: string | null;
  updatedAt: string;
  shared: boolean;
  overdue: number;
  progress: Progress;
}

export interface ItemResult {
  item: { id: string; version: number };
  plan: PlanDocument;
}

export interface ProgressNote {
  id: string;
  date: string;
  text: string;
  evidenceUrl: string | null;
  statusFrom: ItemStatus | null;
  statusTo: ItemStatus | null;
  authorName: string | null;
  createdAt: string;
}

export interface PlanChange {
  id: string;
  at: string;
  actorName: string | null;
  kind: string;
  itemId: string | null;
  itemTitle: string | null;
  before: unknown;
  after: unknown;
  undone: boolean;
  undoesChangeId: string | null;
  canUndo: boolean;
}

export interface PlanShare {
  organizationId: string;
  organizationName: string;
  role: ShareRole;
}

export interface AssigneeChoices {
  people: { userId: string; name: string; organizationId: string; organizationName: string }[];
  organizations: { id: string; name: string }[];
}

export interface TrackedItem {
  id: string;
  planId: string;
  planTitle: string;
  planOrganizationId: string;
  section: string;
  level: string;
  title: string;
  status: ItemStatus | null;
  dueDate: string | null;
  timeframe: string | null;
  version: number;
  parentTitle: string | null;
  assigneeDisplay: string;
  dueState: DueState;
}

export interface OrganizationSummary {
  id: string;
  name: string;
  type: string;
  isMember: boolean;
}

export interface ContactValue {
  name?: string;
  phone?: string;
  email?: string;
  title?: string;
}

/** What an item edit may send; contributors may send only status and note. */
export interface ItemChanges {
  title?: string;
  fields?: Record<string, unknown>;
  status?: ItemStatus;
  assigneeUserId?: string | null;
  assigneeOrganizationId?: string | null;
  assigneeText?: string | null;
  dueDate?: string | null;
  timeframe?: string | null;
  note?: { text: string; evidenceUrl?: string; date?: string };
}

export interface NewItem extends Omit<ItemChanges, "note"> {
  parentId?: string | null;
  section?: string;
  level: string;
  position?: number;
}

export interface ImportResult {
  imported: number;
  plan: PlanDocument;
}
