import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type TestContext,
} from "../../../test/helpers.ts";

let ctx: TestContext;
let steward: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let partnershipId: string;

const body = {
  name: "Rockford Early Childhood Collaborative",
  geographyKind: "community",
  geographyName: "Rockford",
  county: "Winnebago",
  stateCode: "IL",
  meetingSchedule: "Second Tuesday, 9 am",
  members: [
    { name: "Rockford Public Schools", sector: "early_care_education", role: "co-chair" },
    { name: "Winnebago County Health Department", sector: "health" },
  ],
};

beforeAll(async () => {
  ctx = await createTestApp();
  steward = await createOrganizationWithRoles(ctx, "ta_provider");
  other = await createOrganizationWithRoles(ctx);
  const response = await steward.staff.inject({ method: "POST", url: "/api/partnerships", payload: body });
  expect(response.statusCode).toBe(201);
  partnershipId = response.json().id;
});
afterAll(() => ctx.close());

describe("partnership registry", () => {
  it("registers a partnership with its members, the active organization as steward", async () => {
    const doc = (
      await steward.viewer.inject({ method: "GET", url: `/api/partnerships/${partnershipId}` })
    ).json();
    expect(doc).toMatchObject({
      name: body.name,
      stewardOrganizationId: steward.org.id,
      memberCount: 2,
      sectors: ["early_care_education", "health"],
      currentLevel: null,
      canManage: false,
    });
    expect(doc.members.map((m: { name: string }) => m.name)).toEqual([
      "Rockford Public Schools",
      "Winnebago County Health Department",
    ]);
    expect((await auditEventsFor(ctx, "partnership.create")).at(-1)).toMatchObject({
      organizationId: steward.org.id,
      resourceId: partnershipId,
    });
  });

  it("is listed to everyone signed in, filtered by words, state and sector", async () => {
    const list = async (query: string) =>
      (await other.viewer.inject({ method: "GET", url: `/api/partnerships${query}` })).json().items as {
        id: string;
      }[];
    expect((await list("")).map((p) => p.id)).toContain(partnershipId);
    expect((await list("?q=rockford")).map((p) => p.id)).toEqual([partnershipId]);
    expect((await list("?q=Health%20Department")).map((p) => p.id)).toEqual([partnershipId]);
    expect(await list("?stateCode=CA")).toEqual([]);
    expect((await list("?sector=health")).map((p) => p.id)).toEqual([partnershipId]);
    expect(await list("?sector=child_welfare")).toEqual([]);
  });

  it("records levels of working together, newest first, the latest being current", async () => {
    for (const [assessedOn, level] of [
      ["2025-01-15", "networking"],
      ["2026-01-15", "cooperation"],
      ["2025-07-15", "coordination"],
    ]) {
      const response = await steward.staff.inject({
        method: "POST",
        url: `/api/partnerships/${partnershipId}/levels`,
        payload: { assessedOn, level, note: "self-assessment" },
      });
      expect(response.statusCode).toBe(201);
    }
    const doc = (
      await other.staff.inject({ method: "GET", url: `/api/partnerships/${partnershipId}` })
    ).json();
    expect(doc.levels.map((l: { level: string }) => l.level)).toEqual([
      "cooperation",
      "coordination",
      "networking",
    ]);
    expect(doc.currentLevel).toBe("cooperation");
  });

  it("adds and removes members", async () => {
    const added = await steward.staff.inject({
      method: "POST",
      url: `/api/partnerships/${partnershipId}/members`,
      payload: { name: "Family Peer Network", sector: "family_support", organizationId: other.org.id },
    });
    expect(added.statusCode).toBe(201);
    const member = added.json().members.find((m: { name: string }) => m.name === "Family Peer Network");
    expect(member.organizationName).toBe(other.org.name);
    const removed = await steward.staff.inject({
      method: "DELETE",
      url: `/api/partnerships/${partnershipId}/members/${member.id}`,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().memberCount).toBe(2);
    const again = await steward.staff.inject({
      method: "DELETE",
      url: `/api/partnerships/${partnershipId}/members/${member.id}`,
    });
    expect(again.statusCode).toBe(404);
  });

  it("keeps a link or a small file, and serves the file back", async () => {
    const link = await steward.staff.inject({
      method: "POST",
      url: `/api/partnerships/${partnershipId}/documents`,
      payload: { title: "Charter", kind: "charter", url: "https://example.org/charter.pdf" },
    });
    expect(link.statusCode).toBe(201);
    const content = Buffer.from("Minutes of the March meeting");
    const file = await steward.staff.inject({
      method: "POST",
      url: `/api/partnerships/${partnershipId}/documents`,
      payload: {
        title: "March minutes",
        kind: "minutes",
        fileName: "minutes-march.txt",
        contentType: "text/plain",
        contentBase64: content.toString("base64"),
      },
    });
    expect(file.statusCode).toBe(201);
    const docs = file.json().documents as {
      id: string;
      title: string;
      sizeBytes: number | null;
      url: string;
    }[];
    expect(docs.map((d) => [d.title, d.sizeBytes])).toEqual([
      ["Charter", null],
      ["March minutes", content.length],
    ]);
    const fileDoc = docs[1] as { id: string };
    const download = await other.viewer.inject({
      method: "GET",
      url: `/api/partnerships/${partnershipId}/documents/${fileDoc.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toContain("minutes-march.txt");
    expect(download.rawPayload.equals(content)).toBe(true);
    const linkDoc = docs[0] as { id: string };
    expect(
      (
        await other.viewer.inject({
          method: "GET",
          url: `/api/partnerships/${partnershipId}/documents/${linkDoc.id}`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("refuses a file over 2 MB and a document that is neither link nor file, naming the field", async () => {
    const big = await steward.staff.inject({
      method: "POST",
      url: `/api/partnerships/${partnershipId}/documents`,
      payload: {
        title: "Too big",
        kind: "other",
        fileName: "big.bin",
        contentType: "application/octet-stream",
        contentBase64: Buffer.alloc(2 * 1024 * 1024 + 1).toString("base64"),
      },
    });
    expect(big.statusCode).toBe(400);
    const neither = await steward.staff.inject({
      method: "POST",
      url: `/api/partnerships/${partnershipId}/documents`,
      payload: { title: "Nothing", kind: "other", fileName: "x.txt" },
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "/body/contentType",
      "/body/contentBase64",
    ]);
  });

  it("updates with the loaded version and answers 409 to a stale one", async () => {
    const current = (
      await steward.staff.inject({ method: "GET", url: `/api/partnerships/${partnershipId}` })
    ).json();
    const updated = await steward.manager.inject({
      method: "PATCH",
      url: `/api/partnerships/${partnershipId}`,
      payload: { version: current.version, meetingSchedule: "Monthly" },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ meetingSchedule: "Monthly", version: current.version + 1 });
    const stale = await steward.staff.inject({
      method: "PATCH",
      url: `/api/partnerships/${partnershipId}`,
      payload: { version: current.version, name: "Stale" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");
  });

  it("rejects bad input naming the field", async () => {
    const response = await steward.staff.inject({
      method: "POST",
      url: "/api/partnerships",
      payload: { ...body, members: [{ name: "X", sector: "astrology" }] },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain("/body/members/0/sector");
  });

  it("lets only staff of the steward change it: others 403 (audited), unknown 404", async () => {
    const attempts = [
      {
        method: "PATCH" as const,
        url: `/api/partnerships/${partnershipId}`,
        payload: { version: 1, name: "x" },
      },
      {
        method: "POST" as const,
        url: `/api/partnerships/${partnershipId}/levels`,
        payload: { assessedOn: "2026-01-01", level: "collaboration" },
      },
      {
        method: "POST" as const,
        url: `/api/partnerships/${partnershipId}/members`,
        payload: { name: "Intruder", sector: "health" },
      },
    ];
    for (const attempt of attempts) {
      expect((await other.admin.inject(attempt)).statusCode).toBe(403);
      expect((await steward.viewer.inject(attempt)).statusCode).toBe(403);
    }
    const denials = (await auditEventsFor(ctx, "partnership.manage")).filter((e) => e.outcome === "denied");
    expect(denials.filter((e) => e.actorUserId === other.admin.me.user.id)).toHaveLength(3);
    expect(denials.every((e) => e.organizationId === steward.org.id)).toBe(true);
    const unknown = await steward.staff.inject({
      method: "PATCH",
      url: `/api/partnerships/${randomUUID()}`,
      payload: { version: 1, name: "x" },
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (await other.viewer.inject({ method: "GET", url: `/api/partnerships/${randomUUID()}` })).statusCode,
    ).toBe(404);
  });

  it("tells the steward's staff they may manage it", async () => {
    const doc = (
      await steward.staff.inject({ method: "GET", url: `/api/partnerships/${partnershipId}` })
    ).json();
    expect(doc.canManage).toBe(true);
  });
});
