/** The load scenarios of bench/run.ts: what each request is, who sends it, and the targets it is held to. */
import { readFileSync } from "node:fs";
import type { RequestSpec, Target } from "./lib.ts";

export interface Account {
  email: string;
  organizationId: string;
}

/** The manifest bench/data.ts writes to .bench-data/<scale>.json. */
export interface Manifest {
  scale: string;
  seed?: number;
  engine: "postgres" | "pglite";
  databaseUrl: string | null;
  dataDir: string | null;
  password: string;
  counts?: Record<string, number>;
  accounts: {
    caseManager: Account;
    planner: Account;
    referralReceiver: Account;
    signIn: { email: string }[];
  };
  samples: {
    familyIds: string[];
    sipPlanId: string;
    referralIds: string[];
    directory: { q: string; taxonomyTermId: string; lat: number; lng: number; radiusKm: number };
  };
}

export function readManifest(file: string): Manifest {
  const m = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  const missing = [
    m.engine === "postgres" ? (m.databaseUrl ? null : "databaseUrl") : m.dataDir ? null : "dataDir",
    m.password ? null : "password",
    m.accounts?.caseManager?.email ? null : "accounts.caseManager",
    m.accounts?.planner?.email ? null : "accounts.planner",
    m.accounts?.referralReceiver?.email ? null : "accounts.referralReceiver",
    m.accounts?.signIn?.length ? null : "accounts.signIn",
    m.samples?.familyIds?.length ? null : "samples.familyIds",
    m.samples?.sipPlanId ? null : "samples.sipPlanId",
    m.samples?.referralIds?.length ? null : "samples.referralIds",
    m.samples?.directory ? null : "samples.directory",
  ].filter(Boolean);
  if (missing.length) throw new Error(`${file}: missing ${missing.join(", ")}`);
  return m;
}

export type AccountKey = "caseManager" | "planner" | "referralReceiver";

/** A referral move the referral scenario makes: each request moves a different referral on. */
export interface ReferralMove {
  id: string;
  version: number;
  status: "accepted" | "completed";
}

export interface Scenario {
  key: string;
  name: string;
  /** Signed in as (cookie + CSRF token); none for sign-in and the public HSDS API. */
  account: AccountKey | null;
  /** The i-th request. `moves` only for the referral scenario. */
  request: (i: number, ctx: { manifest: Manifest; moves: ReferralMove[] }) => RequestSpec;
  /** Sample values the i-th request uses, so the raw floor can use the same ones (see floor-server.ts). */
  spread?: (manifest: Manifest) => string[];
  targets: { postgres: Target[]; pglite: Target[] };
  /** Connections for this scenario's loads (its raw floor too), when not the run's. */
  connections?: number;
}

const p99 = (ms: number): Target => ({ label: `p99 ≤ ${ms} ms`, metric: "p99", bound: ms });
const p95 = (ms: number): Target => ({ label: `p95 ≤ ${ms} ms`, metric: "p95", bound: ms });
const p50 = (ms: number): Target => ({ label: `p50 ≤ ${ms} ms`, metric: "p50", bound: ms });
const halfRaw: Target = { label: "≥ 50% of raw floor req/s", metric: "rawShare", bound: 0.5 };
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

export const SCENARIOS: Scenario[] = [
  {
    key: "sign-in",
    name: "sign-in (POST /api/session)",
    account: null,
    request: (i, { manifest }) => ({
      method: "POST",
      path: "/api/session",
      body: JSON.stringify({ email: pick(manifest.accounts.signIn, i).email, password: manifest.password }),
    }),
    spread: (m) => m.accounts.signIn.map((u) => u.email),
    targets: { postgres: [], pglite: [] },
  },
  {
    key: "my-action-steps",
    name: "my action steps (GET /api/my/action-steps)",
    account: "planner",
    request: () => ({ path: "/api/my/action-steps" }),
    targets: { postgres: [p99(50), halfRaw], pglite: [p99(50)] },
  },
  {
    key: "caseload",
    name: "caseload list (GET /api/caseload)",
    account: "caseManager",
    request: () => ({ path: "/api/caseload" }),
    targets: { postgres: [p99(50), halfRaw], pglite: [p99(50)] },
  },
  {
    key: "family",
    name: "family record + audit (GET /api/families/:id)",
    account: "caseManager",
    request: (i, { manifest }) => ({ path: `/api/families/${pick(manifest.samples.familyIds, i)}` }),
    spread: (m) => m.samples.familyIds,
    targets: { postgres: [p99(60), halfRaw], pglite: [p99(50)] },
  },
  {
    key: "directory",
    name: "directory search: text + taxonomy + distance",
    account: "caseManager",
    request: (_i, { manifest }) => {
      const d = manifest.samples.directory;
      const q = new URLSearchParams({
        q: d.q,
        taxonomyTermId: d.taxonomyTermId,
        lat: String(d.lat),
        lng: String(d.lng),
        radiusKm: String(d.radiusKm),
      });
      return { path: `/api/directory/services?${q}` };
    },
    targets: { postgres: [p95(25)], pglite: [p99(50)] },
  },
  {
    key: "hsds-services",
    name: "HSDS API page (GET /hsds/services)",
    account: null,
    request: () => ({ path: "/hsds/services" }),
    targets: { postgres: [], pglite: [p99(50)] },
  },
  {
    key: "sip-docx",
    name: "SIP DOCX export (GET /api/plans/:id/export?format=docx)",
    account: "planner",
    request: (_i, { manifest }) => ({ path: `/api/plans/${manifest.samples.sipPlanId}/export?format=docx` }),
    targets: { postgres: [p50(300)], pglite: [p99(50)] },
  },
  {
    key: "sip-docx-1",
    name: "SIP DOCX export, one request at a time (1 connection)",
    account: "planner",
    request: (_i, { manifest }) => ({ path: `/api/plans/${manifest.samples.sipPlanId}/export?format=docx` }),
    // What one planner waits for: rendering is CPU work, so under 64 connections on 2 cores a request mostly
    // waits for the others' renders (see RESULTS.md).
    targets: { postgres: [p50(300)], pglite: [p50(300)] },
    connections: 1,
  },
  {
    key: "referral-status",
    name: "referral status update (PUT /api/referrals/:id/status)",
    account: "referralReceiver",
    request: (i, { moves }) => {
      const move = moves[i];
      if (!move) return { method: "PUT", path: "/api/referrals/exhausted/status", body: "{}" };
      return {
        method: "PUT",
        path: `/api/referrals/${move.id}/status`,
        body: JSON.stringify({
          version: move.version,
          status: move.status,
          ...(move.status === "completed" ? { note: "Bench: family attended." } : {}),
        }),
      };
    },
    targets: { postgres: [], pglite: [p99(50)] },
  },
];

/** Targets that are not per-scenario. */
export const HSDS_IMPORT_TARGET: Target = {
  label: "100,000 services ≤ 60 s",
  metric: "seconds",
  bound: 60,
};

/**
 * The moves for a set of referrals, from their current status and version: sent → accepted first, then
 * accepted → completed, so each referral can serve twice and no two requests touch the same row at once.
 */
export function planMoves(referrals: { id: string; status: string; version: number }[]): ReferralMove[] {
  const first: ReferralMove[] = [];
  const second: ReferralMove[] = [];
  for (const r of referrals) {
    if (r.status === "sent") {
      first.push({ id: r.id, version: r.version, status: "accepted" });
      second.push({ id: r.id, version: r.version + 1, status: "completed" });
    } else if (r.status === "accepted") {
      first.push({ id: r.id, version: r.version, status: "completed" });
    }
  }
  return [...first, ...second];
}
