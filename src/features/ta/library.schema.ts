import { type Static, Type } from "typebox";
import { RESOURCE_KINDS, SECTORS } from "../../db/schema/ta.ts";
import { Uuid } from "../../server/schema.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time" });

/** A file travels inline as base64: 5 MB of bytes is about 6.7 MB of text. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const LIBRARY_BODY_LIMIT = Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024;

export const SectorSchema = Type.Enum(SECTORS);
const Tag = Type.String({ minLength: 1, maxLength: 60 });
const Audience = Type.String({ minLength: 1, maxLength: 80 });
const Url = Type.String({ maxLength: 2000, pattern: "^https?://[^\\s]+$" });

export const ResourceParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListResourcesQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    tag: Type.Optional(Tag),
    sector: Type.Optional(SectorSchema),
    audience: Type.Optional(Audience),
    kind: Type.Optional(Type.Enum(RESOURCE_KINDS)),
  },
  { additionalProperties: false },
);
export type ListResourcesFilter = Static<typeof ListResourcesQuery>;

const FileInput = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200, pattern: "^[^/\\\\\\u0000-\\u001f]+$" }),
    contentBase64: Type.String({ minLength: 4, maxLength: LIBRARY_BODY_LIMIT }),
  },
  { additionalProperties: false },
);

const resourceFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  kind: Type.Enum(RESOURCE_KINDS),
  url: Type.Optional(Url),
  file: Type.Optional(FileInput),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
  sectors: Type.Optional(Type.Array(SectorSchema, { maxItems: SECTORS.length })),
  audiences: Type.Optional(Type.Array(Audience, { maxItems: 20 })),
};

export const CreateResourceBody = Type.Object(resourceFields, { additionalProperties: false });
export type CreateResourceInput = Static<typeof CreateResourceBody>;

export const UpdateResourceBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(resourceFields.title),
    description: resourceFields.description,
    kind: Type.Optional(resourceFields.kind),
    url: resourceFields.url,
    file: resourceFields.file,
    tags: resourceFields.tags,
    sectors: resourceFields.sectors,
    audiences: resourceFields.audiences,
  },
  { additionalProperties: false },
);
export type UpdateResourceInput = Static<typeof UpdateResourceBody>;

export const DeleteResourceQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const AddCommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);

export const ResourceComment = Type.Object({
  id: Uuid,
  body: Type.String(),
  authorName: Nullable(Type.String()),
  organizationName: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type ResourceCommentDocument = Static<typeof ResourceComment>;

const resourceSummaryFields = {
  id: Uuid,
  version: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  kind: Type.Enum(RESOURCE_KINDS),
  url: Nullable(Type.String()),
  file: Nullable(
    Type.Object({ fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() }),
  ),
  tags: Type.Array(Type.String()),
  sectors: Type.Array(SectorSchema),
  audiences: Type.Array(Type.String()),
  organizationId: Uuid,
  organizationName: Type.String(),
  sharedByName: Nullable(Type.String()),
  sharedAt: Timestamp,
  commentCount: Type.Integer(),
  /** The reader may change or delete it (staff of the sharer's organization). */
  canManage: Type.Boolean(),
};
export const ResourceSummary = Type.Object(resourceSummaryFields);
export type ResourceSummaryDocument = Static<typeof ResourceSummary>;
export const Resource = Type.Object({ ...resourceSummaryFields, comments: Type.Array(ResourceComment) });
export type ResourceDocument = Static<typeof Resource>;
export const ResourceList = Type.Object({ items: Type.Array(ResourceSummary) });
