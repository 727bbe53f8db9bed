import { describe, expect, it } from "vitest";
import { inlineParameters, isPlainRead, sqlLiteral } from "../bench/db-ceiling.ts";
import {
  blocks,
  insertColumns,
  isTrellisLayer,
  rebuildAuditInsert,
  substitute,
} from "../bench/floor-server.ts";
import { evaluateTarget, markdownTable, percentile, ratio, summarize } from "../bench/lib.ts";
import { planMoves } from "../bench/scenarios.ts";
import { chainHash } from "../src/features/audit/audit.chain.ts";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted

  it("picks the nearest-rank value, not an interpolation", () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([7, 1, 3], 0.5)).toBe(3);
    expect(percentile([4], 0.99)).toBe(4);
  });

  it("does not sort the caller's array and rejects nonsense", () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it("summarize agrees with percentile and finds the maximum", () => {
    const values = [12, 5, 40, 8, 9, 30, 7, 6, 11, 10];
    const s = summarize(values);
    expect(s).toEqual({
      p50: percentile(values, 0.5),
      p95: percentile(values, 0.95),
      p99: percentile(values, 0.99),
      max: 40,
    });
    expect(s.p50).toBe(9);
    expect(s.p95).toBe(40);
  });
});

describe("ratios and targets", () => {
  const result = { requestsPerSecond: 300, p50: 10, p95: 20, p99: 45, errors: 0, non2xx: 0 };

  it("ratio gives two decimals, or a dash when there is nothing to divide by", () => {
    expect(ratio(300, 1000)).toBe("0.30");
    expect(ratio(300, 0)).toBe("—");
    expect(ratio(300, undefined)).toBe("—");
  });

  it("latency targets are upper bounds", () => {
    expect(evaluateTarget({ label: "p99 ≤ 50 ms", metric: "p99", bound: 50 }, result).met).toBe(true);
    expect(evaluateTarget({ label: "p95 ≤ 15 ms", metric: "p95", bound: 15 }, result)).toEqual({
      label: "p95 ≤ 15 ms",
      met: false,
      actual: "p95 20 ms",
    });
  });

  it("the raw-floor share is a lower bound and needs a raw floor", () => {
    const half = { label: "≥ 50% of raw floor req/s", metric: "rawShare" as const, bound: 0.5 };
    expect(evaluateTarget(half, result, { requestsPerSecond: 500 })).toMatchObject({
      met: true,
      actual: "60%",
    });
    expect(evaluateTarget(half, result, { requestsPerSecond: 700 })).toMatchObject({
      met: false,
      actual: "43%",
    });
    expect(evaluateTarget(half, result).met).toBeNull();
  });

  it("a run with failed requests does not meet a target however fast it was", () => {
    const failing = { ...result, non2xx: 3 };
    expect(evaluateTarget({ label: "p99 ≤ 50 ms", metric: "p99", bound: 50 }, failing).met).toBe(false);
  });

  it("a seconds target takes the measured seconds", () => {
    const t = { label: "≤ 60 s", metric: "seconds" as const, bound: 60 };
    expect(evaluateTarget(t, undefined, undefined, 59.5)).toMatchObject({ met: true, actual: "59.5 s" });
    expect(evaluateTarget(t, undefined, undefined, 61).met).toBe(false);
    expect(evaluateTarget(t, undefined).met).toBeNull();
  });
});

describe("markdownTable", () => {
  it("prints one row per result with both ratios and the verdicts", () => {
    const http = {
      name: "HTTP floor",
      requestsPerSecond: 4000,
      p50: 1,
      p95: 2,
      p99: 3,
      errors: 0,
      non2xx: 0,
    };
    const raw = { name: "raw", requestsPerSecond: 800, p50: 5, p95: 9, p99: 12, errors: 0, non2xx: 0 };
    const trellis = {
      name: "a | b",
      requestsPerSecond: 400,
      p50: 20,
      p95: 40,
      p99: 80,
      errors: 1,
      non2xx: 2,
    };
    const text = markdownTable([
      { name: http.name, result: http, http },
      {
        name: trellis.name,
        result: trellis,
        http,
        raw,
        targets: [evaluateTarget({ label: "p99 ≤ 50 ms", metric: "p99", bound: 50 }, trellis)],
      },
    ]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("p95 ms");
    expect(lines[2]).toBe("| HTTP floor | 4000 | 1 | 2 | 3 | 0 | 0 | 1.00 | — |  |");
    expect(lines[3]).toBe(
      "| a \\| b | 400 | 20 | 40 | 80 | 1 | 2 | 0.10 | 0.50 | NOT met: p99 ≤ 50 ms (p99 80 ms) |",
    );
  });
});

describe("raw floor replay helpers", () => {
  const auditInsert =
    'insert into "audit_events" ("seq", "id", "occurred_at", "actor_user_id", "actor_email", "organization_id", "action", "resource_type", "resource_id", "outcome", "request_id", "ip", "metadata", "prev_hash", "hash") values (default, default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)';

  it("leaves the session lookup out of a raw floor, also when it spans lines, and keeps the scenario's SQL", () => {
    const layer = (text: string) => isTrellisLayer({ text, values: [] });
    // The shape of loadSessionActor's query: the memberships are a multi-line subquery before the from.
    expect(
      layer(`select "sessions"."csrf_token", "users"."id", coalesce((
  select json_agg(json_build_object('organizationId', o.id) order by o.name)
  from memberships m join organizations o on o.id = m.organization_id
  where m.user_id = "users"."id"), '[]'::json) from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."id_hash" = $1 limit $2`),
    ).toBe(true);
    expect(layer('update "sessions" set "expires_at" = $1 where "sessions"."id_hash" = $2')).toBe(true);
    expect(
      layer('select "organization_id", "role" from "memberships" where "memberships"."user_id" = $1'),
    ).toBe(true);
    expect(layer('select "id", "display_name" from "families" where "families"."organization_id" = $1')).toBe(
      false,
    );
    expect(layer('insert into "sessions" ("id_hash") values ($1)')).toBe(false);
  });

  it("maps insert columns to their parameters", () => {
    const cols = insertColumns(auditInsert);
    expect(cols[0]).toEqual({ column: "seq", param: null });
    expect(cols.find((c) => c.column === "hash")).toEqual({ column: "hash", param: 12 });
  });

  it("rebuilds an audit insert on the current chain head with a valid hash", () => {
    const values = [
      "2020-01-01T00:00:00.000Z",
      "u1",
      "a@b.example",
      "o1",
      "family.read",
      "family",
      "f1",
      "success",
      "req-1",
      "127.0.0.1",
      JSON.stringify({ familyId: "f1" }),
      "old-prev",
      "old-hash",
    ];
    const rebuilt = rebuildAuditInsert({ text: auditInsert, values }, "head");
    expect(rebuilt[11]).toBe("head");
    expect(rebuilt[0]).not.toBe(values[0]);
    const expected = chainHash("head", {
      occurredAt: new Date(rebuilt[0] as string),
      actorUserId: "u1",
      actorEmail: "a@b.example",
      organizationId: "o1",
      action: "family.read",
      resourceType: "family",
      resourceId: "f1",
      outcome: "success",
      requestId: "req-1",
      ip: "127.0.0.1",
      metadata: { familyId: "f1" },
    });
    expect(rebuilt[12]).toBe(expected);
    expect(values[11]).toBe("old-prev");
  });

  it("substitutes the sample value, also inside JSON", () => {
    expect(substitute(["f1", '{"familyId":"f1"}', 3, null], "f1", "f2")).toEqual([
      "f2",
      '{"familyId":"f2"}',
      3,
      null,
    ]);
    const same = ["f1"];
    expect(substitute(same, "f1", "f1")).toBe(same);
  });

  it("groups begin…commit into transactions, savepoints inside", () => {
    const s = (text: string) => ({ text, values: [] });
    const out = blocks([
      s("select 1"),
      s("begin"),
      s("savepoint sp1"),
      s("insert"),
      s("commit"),
      s("select 2"),
    ]);
    expect(out.map((b) => [b.transaction, b.statements.map((x) => x.text)])).toEqual([
      [false, ["select 1"]],
      [true, ["savepoint sp1", "insert"]],
      [false, ["select 2"]],
    ]);
  });
});

describe("planMoves", () => {
  it("moves every sent referral to accepted first, then to completed, and skips closed ones", () => {
    const moves = planMoves([
      { id: "a", status: "sent", version: 1 },
      { id: "b", status: "accepted", version: 2 },
      { id: "c", status: "completed", version: 3 },
      { id: "d", status: "sent", version: 1 },
    ]);
    expect(moves).toEqual([
      { id: "a", version: 1, status: "accepted" },
      { id: "b", version: 2, status: "completed" },
      { id: "d", version: 1, status: "accepted" },
      { id: "a", version: 2, status: "completed" },
      { id: "d", version: 2, status: "completed" },
    ]);
  });
});

describe("database ceiling (bench/db-ceiling.ts)", () => {
  it("writes values as SQL literals, quotes escaped, $10 not mistaken for $1", () => {
    const values = ["o'brien", 2, null, true, ["a", "b,c"], { k: "v" }, "x", "x", "x", "ten"];
    const text = `select $1, $2, $3, $4, $5, $6, $10`;
    expect(inlineParameters({ text, values })).toBe(
      `select 'o''brien', 2, null, true, '{"a","b,c"}', '{"k":"v"}', 'ten'`,
    );
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral("a\u0000")).toThrow();
  });

  it("keeps plain reads and leaves out locks, row locks and writes", () => {
    const read = (text: string) => isPlainRead({ text, values: [] });
    expect(read('select "id" from "families" where "id" = $1')).toBe(true);
    expect(read("select pg_advisory_xact_lock($1)")).toBe(false);
    expect(read('select "id" from "referrals" where "id" = $1 for update')).toBe(false);
    expect(read('insert into "audit_events" ("id") values ($1)')).toBe(false);
    expect(read("begin")).toBe(false);
  });
});
