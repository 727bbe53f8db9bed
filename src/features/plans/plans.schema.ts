import { Type } from "typebox";
import { ITEM_STATUSES, SHARE_ROLES } from "../../db/schema/index.ts";
import { Uuid } from "../../server/schema.ts";

export const IsoDate = Type.String({ format: "date" });
export const ItemStatus = Type.Enum(ITEM_STATUSES);
export const ShareRole = Type.Enum(SHARE_ROLES);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const FieldValues = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });

const Progress = Type.Object({
  total: Type.Integer(),
  completed: Type.Integer(),
  percent: Nullable(Type.Integer()),
});

const Assignee = Type.Object({
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  organizationId: Nullable(Uuid),
  organizationName: Nullable(Type.String()),
  text: Nullable(Type.String()),
  display: Type.String(),
});

export const PlanItemNode = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  section: Type.String(),
  level: Type.String(),
  position: Type.Integer(),
  number: Nullable(Type.String()),
  title: Type.String(),
  fields: Type.Record(Type.String(), Type.Unknown()),
  status: Nullable(ItemStatus),
  assignee: Assignee,
  dueDate: Nullable(Type.String()),
  timeframe: Nullable(Type.String()),
  dueState: Type.Enum(["overdue", "due_soon", "later", "done", "none"]),
  completedAt: Nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: Type.String(),
  progress: Progress,
  /** Child items, of the same shape. */
  children: Type.Array(Type.Unknown()),
});

export const PlanDocument = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  organizationName: Type.String(),
  title: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  templateKey: Type.String(),
  templateVersion: Type.Integer(),
  /** The template the plan was made from (see listTemplates for its shape). */
  template: Type.Record(Type.String(), Type.Unknown()),
  periodStart: Nullable(Type.String()),
  periodEnd: Nullable(Type.String()),
  header: Type.Record(Type.String(), Type.Unknown()),
  sections: Type.Array(
    Type.Object({
      key: Type.String(),
      kind: Type.Enum(["fields", "items"]),
      values: Type.Record(Type.String(), Type.Unknown()),
      items: Type.Array(PlanItemNode),
      progress: Progress,
    }),
  ),
  progress: Progress,
  access: Type.Enum(["none", "viewer", "contributor", "editor", "owner"]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const PlanSummary = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  organizationName: Type.String(),
  title: Type.String(),
  templateKey: Type.String(),
  templateVersion: Type.Integer(),
  templateName: Type.Object({ en: Type.String(), es: Type.String() }),
  status: Type.String(),
  periodStart: Nullable(Type.String()),
  periodEnd: Nullable(Type.String()),
  updatedAt: Type.String(),
  shared: Type.Boolean(),
  overdue: Type.Integer(),
  progress: Progress,
});

export const ListPlansQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    templateKey: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const CreatePlanBody = Type.Object(
  {
    templateKey: Type.String({ minLength: 1, maxLength: 100 }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    periodStart: Type.Optional(IsoDate),
    periodEnd: Type.Optional(IsoDate),
    header: Type.Optional(FieldValues),
  },
  { additionalProperties: false },
);

export const UpdatePlanBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    periodStart: Type.Optional(Nullable(IsoDate)),
    periodEnd: Type.Optional(Nullable(IsoDate)),
    header: Type.Optional(FieldValues),
    sections: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), FieldValues, { maxProperties: 20 })),
  },
  { additionalProperties: false },
);

const itemContent = {
  title: Type.Optional(Type.String({ maxLength: 2000 })),
  fields: Type.Optional(FieldValues),
  status: Type.Optional(ItemStatus),
  assigneeUserId: Type.Optional(Nullable(Uuid)),
  assigneeOrganizationId: Type.Optional(Nullable(Uuid)),
  assigneeText: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  dueDate: Type.Optional(Nullable(IsoDate)),
  timeframe: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
};

export const CreateItemBody = Type.Object(
  {
    parentId: Type.Optional(Nullable(Uuid)),
    section: Type.Optional(Type.String({ maxLength: 64 })),
    level: Type.String({ minLength: 1, maxLength: 64 }),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    ...itemContent,
  },
  { additionalProperties: false },
);

export const UpdateItemBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    ...itemContent,
    note: Type.Optional(
      Type.Object(
        {
          text: Type.String({ maxLength: 5000 }),
          evidenceUrl: Type.Optional(Type.String({ maxLength: 2000 })),
          date: Type.Optional(IsoDate),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const MoveItemBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    parentId: Type.Optional(Nullable(Uuid)),
    section: Type.Optional(Type.String({ maxLength: 64 })),
    position: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

export const PlanParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ItemParams = Type.Object({ id: Uuid, itemId: Uuid }, { additionalProperties: false });
export const ChangeParams = Type.Object({ id: Uuid, changeId: Uuid }, { additionalProperties: false });
export const ShareParams = Type.Object({ id: Uuid, organizationId: Uuid }, { additionalProperties: false });
export const VersionQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const ShareBody = Type.Object({ role: ShareRole }, { additionalProperties: false });

export const ShareList = Type.Object({
  items: Type.Array(Type.Object({ organizationId: Uuid, organizationName: Type.String(), role: ShareRole })),
});

export const NoteList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      date: Type.String(),
      text: Type.String(),
      evidenceUrl: Nullable(Type.String()),
      statusFrom: Nullable(Type.String()),
      statusTo: Nullable(Type.String()),
      authorName: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
});

export const ChangeList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      at: Type.String(),
      actorName: Nullable(Type.String()),
      kind: Type.String(),
      itemId: Nullable(Uuid),
      itemTitle: Nullable(Type.String()),
      before: Type.Unknown(),
      after: Type.Unknown(),
      undone: Type.Boolean(),
      undoesChangeId: Nullable(Uuid),
      canUndo: Type.Boolean(),
    }),
  ),
});

export const TrackedItem = Type.Object({
  id: Uuid,
  planId: Uuid,
  planTitle: Type.String(),
  planOrganizationId: Uuid,
  section: Type.String(),
  level: Type.String(),
  title: Type.String(),
  status: Nullable(ItemStatus),
  dueDate: Nullable(Type.String()),
  timeframe: Nullable(Type.String()),
  version: Type.Integer(),
  parentTitle: Nullable(Type.String()),
  assigneeDisplay: Type.String(),
  dueState: Type.Enum(["overdue", "due_soon", "later", "done", "none"]),
});

export const TrackedItemsQuery = Type.Object(
  {
    scope: Type.Optional(Type.Enum(["me", "organizations"])),
    state: Type.Optional(Type.Enum(["open", "overdue", "due_soon", "all"])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
