import { gt } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import { auditEvents } from "../../db/schema/index.ts";

let ctx: TestContext;
let sharer: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n% a tiny test document\n"), Buffer.alloc(64, 0x20)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1),
]);

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types/>');
  zip.file("word/document.xml", '<?xml version="1.0"?><w:document/>');
  return zip.generateAsync({ type: "nodebuffer" });
}

async function share(session: Session, body: Record<string, unknown>) {
  return session.inject({
    method: "POST",
    url: "/api/library/resources",
    payload: { title: "A resource", kind: "guide", url: "https://example.org/guide", ...body },
  });
}

async function lastSeq() {
  const all = await ctx.database.db.select({ seq: auditEvents.seq }).from(auditEvents);
  return Math.max(0, ...all.map((e) => Number(e.seq)));
}
async function eventsSince(seq: number) {
  return ctx.database.db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(auditEvents.seq);
}

beforeAll(async () => {
  ctx = await createTestApp();
  sharer = await createOrganizationWithRoles(ctx, "ta_provider");
  other = await createOrganizationWithRoles(ctx, "community_provider");
});
afterAll(() => ctx?.close());

describe("peer learning library", () => {
  it("finds a shared toolkit by tag, by a word of its description, by sector and audience", async () => {
    const created = await share(sharer.staff, {
      title: "The Early Childhood Community Systems Development Toolkit",
      description:
        "Tools for new and existing community partnerships to develop and sustain their partnership.",
      kind: "toolkit",
      tags: ["Collaboration", "systems development", "collaboration"],
      sectors: ["early_care_education", "family_support"],
      audiences: ["Community partnerships"],
    });
    expect(created.statusCode).toBe(201);
    const resource = created.json();
    expect(resource).toMatchObject({
      tags: ["collaboration", "systems development"],
      audiences: ["community partnerships"],
      organizationId: sharer.org.id,
      organizationName: sharer.org.name,
      sharedByName: expect.stringContaining("Test"),
      file: null,
      canManage: true,
      version: 1,
    });
    await share(sharer.staff, {
      title: "Home visiting model comparison",
      kind: "report",
      tags: ["home visiting"],
    });

    const search = async (query: string) =>
      (await other.viewer.inject({ method: "GET", url: `/api/library/resources?${query}` }))
        .json()
        .items.map((r: { title: string }) => r.title);
    expect(await search("tag=collaboration")).toEqual([resource.title]);
    expect(await search("q=SUSTAIN%20partnership")).toEqual([resource.title]);
    expect(await search("q=visiting")).toEqual(["Home visiting model comparison"]);
    expect(await search("q=nothing-like-this")).toEqual([]);
    expect(await search("sector=family_support")).toEqual([resource.title]);
    expect(await search("audience=community%20partnerships&kind=toolkit")).toEqual([resource.title]);
    expect(await search("q=100%25")).toEqual([]);
    const list = (await other.viewer.inject({ method: "GET", url: "/api/library/resources" })).json();
    expect(list.items.find((r: { id: string }) => r.id === resource.id)).toMatchObject({ canManage: false });
  });

  it("keeps a small file and gives the same bytes back", async () => {
    const created = await share(sharer.staff, {
      title: "Partnership charter template",
      kind: "template",
      url: undefined,
      file: { fileName: "Charter template.pdf", contentBase64: PDF.toString("base64") },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().file).toEqual({
      fileName: "Charter template.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.length,
    });
    const download = await other.viewer.inject({
      method: "GET",
      url: `/api/library/resources/${created.json().id}/file`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toContain('filename="Charter template.pdf"');
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const word = await share(sharer.staff, {
      kind: "template",
      url: undefined,
      file: { fileName: "minutes.docx", contentBase64: (await docx()).toString("base64") },
    });
    expect(word.json().file.contentType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const link = await share(sharer.staff, {});
    const noFile = await other.viewer.inject({
      method: "GET",
      url: `/api/library/resources/${link.json().id}/file`,
    });
    expect(noFile.statusCode).toBe(404);
  });

  it("rejects a renamed file, a type it does not keep, a file too large, and a link with a file", async () => {
    const renamed = await share(sharer.staff, {
      url: undefined,
      file: { fileName: "report.pdf", contentBase64: PNG.toString("base64") },
    });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().error).toMatchObject({
      code: "library.file_rejected",
      details: [{ field: "/body/file" }],
    });
    const text = await share(sharer.staff, {
      url: undefined,
      file: { fileName: "notes.pdf", contentBase64: Buffer.from("just some text").toString("base64") },
    });
    expect(text.statusCode).toBe(422);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const tooBig = await share(sharer.staff, {
      url: undefined,
      file: { fileName: "big.pdf", contentBase64: big.toString("base64") },
    });
    expect(tooBig.statusCode).toBe(422);
    const both = await share(sharer.staff, {
      file: { fileName: "a.pdf", contentBase64: PDF.toString("base64") },
    });
    expect(both.statusCode).toBe(400);
    const neither = await share(sharer.staff, { url: undefined });
    expect(neither.statusCode).toBe(400);
    const tooManyTags = await share(sharer.staff, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
    expect(tooManyTags.statusCode).toBe(400);
  });

  it("lets only staff of the sharer's organization change or remove it, and audits refusals", async () => {
    const resource = (await share(sharer.staff, { title: "Outreach guide" })).json();
    const url = `/api/library/resources/${resource.id}`;
    const before = await lastSeq();
    const intruder = await other.admin.inject({
      method: "PATCH",
      url,
      payload: { version: 1, title: "Mine now" },
    });
    expect(intruder.statusCode).toBe(403);
    expect((await eventsSince(before)).find((e) => e.outcome === "denied")).toMatchObject({
      action: "library.manage",
      organizationId: sharer.org.id,
      actorUserId: other.admin.me.user.id,
    });
    expect((await other.admin.inject({ method: "DELETE", url: `${url}?version=1` })).statusCode).toBe(403);
    expect(
      (await sharer.viewer.inject({ method: "PATCH", url, payload: { version: 1, title: "x" } })).statusCode,
    ).toBe(403);

    const updated = await sharer.staff.inject({
      method: "PATCH",
      url,
      payload: { version: 1, title: "Outreach guide, second edition", tags: ["outreach"] },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      version: 2,
      title: "Outreach guide, second edition",
      tags: ["outreach"],
    });
    const stale = await sharer.staff.inject({ method: "PATCH", url, payload: { version: 1, title: "x" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");

    expect((await sharer.staff.inject({ method: "DELETE", url: `${url}?version=2` })).statusCode).toBe(204);
    expect((await other.viewer.inject({ method: "GET", url })).statusCode).toBe(404);
  });

  it("takes comments from staff of any organization, shows who wrote them and audits them", async () => {
    const resource = (
      await share(sharer.staff, { title: "Needs assessment template", kind: "template" })
    ).json();
    const url = `/api/library/resources/${resource.id}/comments`;
    const before = await lastSeq();
    const comment = await other.staff.inject({
      method: "POST",
      url,
      payload: { body: "We adapted this for our home visiting partnership." },
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({
      body: "We adapted this for our home visiting partnership.",
      organizationName: other.org.name,
    });
    expect((await eventsSince(before)).map((e) => [e.action, e.outcome, e.organizationId])).toContainEqual([
      "library.comment",
      "success",
      other.org.id,
    ]);
    expect((await other.viewer.inject({ method: "POST", url, payload: { body: "x" } })).statusCode).toBe(403);
    const full = (
      await sharer.viewer.inject({ method: "GET", url: `/api/library/resources/${resource.id}` })
    ).json();
    expect(full.commentCount).toBe(1);
    expect(full.comments).toEqual([
      expect.objectContaining({
        authorName: expect.stringContaining("Test"),
        organizationName: other.org.name,
      }),
    ]);
    const missing = await other.staff.inject({
      method: "POST",
      url: "/api/library/resources/00000000-0000-4000-8000-000000000000/comments",
      payload: { body: "x" },
    });
    expect(missing.statusCode).toBe(404);
  });
});
