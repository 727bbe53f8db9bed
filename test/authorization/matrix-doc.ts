import { type Entry, EXPECTATIONS, expectedOutcome, PRINCIPALS } from "./expectations.ts";

export interface Operation {
  operationId: string;
  method: string;
  path: string;
}

const HEADERS: Record<(typeof PRINCIPALS)[number], string> = {
  anonymous: "anon",
  "owner.viewer": "own viewer",
  "owner.staff": "own staff",
  "owner.manager": "own manager",
  "owner.admin": "own admin",
  "other.viewer": "other viewer",
  "other.staff": "other staff",
  "other.manager": "other manager",
  "other.admin": "other admin",
  state: "state reviewer",
  ta: "TA provider",
};

function scopeOf(entry: Entry): string {
  if (entry.rule.scope === "active") return "own org";
  return entry.rule.owner === "network" ? "TA provider" : "county";
}

/** docs/authorization-matrix.md: every operation of the OpenAPI document, in its order, as every principal. */
export function renderMatrix(operations: Operation[]): string {
  const lines = [
    "# Authorization matrix",
    "",
    "Generated from `test/authorization/expectations.ts` by `test/authorization.test.ts`, which sends every request",
    "below as every principal and fails when an answer differs. Do not edit by hand: after changing the",
    "expectations run `TRELLIS_WRITE_AUTHZ_MATRIX=1 npx vitest run --project pglite test/authorization.test.ts`.",
    "",
    "Principals: the anonymous caller; the viewer, staff, manager and admin of the **owning organization** (the",
    "county that owns the plan, family, referral, …; for TA engagements and trainings the TA provider that provides",
    "or organizes them); the same four roles of **another county organization**; the **state reviewer** (staff of",
    "the state agency, with the state reviewer capability); a **TA provider** (staff of another TA provider). All",
    "organizations are in the same state. *Owner* `own org` means the operation acts on the actor's own account or",
    "active organization, so every principal is judged by its own role and organization type.",
    "",
    "Cells: `✓` allowed (with the exact status where the request is a valid one), `401` sign-in required, `403`",
    "refused, `404` refused without revealing that the thing exists. Every refusal is audited (outcome `denied`).",
    "",
    `| Operation | Request | Owner | ${PRINCIPALS.map((p) => HEADERS[p]).join(" | ")} | Policy |`,
    `|---|---|---|${PRINCIPALS.map(() => "---").join("|")}|---|`,
  ];
  for (const op of operations) {
    const expectation = EXPECTATIONS[op.operationId];
    const request = `\`${op.method} ${op.path}\``;
    if (!expectation) {
      lines.push(
        `| ${op.operationId} | ${request} | ? | ${PRINCIPALS.map(() => "?").join(" | ")} | no entry |`,
      );
    } else if ("public" in expectation) {
      lines.push(
        `| ${op.operationId} | ${request} | public | ${PRINCIPALS.map(() => "✓").join(" | ")} | ${cell(expectation.public)} |`,
      );
    } else {
      const cells = PRINCIPALS.map((p) => {
        const outcome = expectedOutcome(expectation.rule, p);
        if (outcome !== "allow") return String(outcome);
        return expectation.status ? `✓ ${expectation.status}` : "✓";
      });
      lines.push(
        `| ${op.operationId} | ${request} | ${scopeOf(expectation)} | ${cells.join(" | ")} | ${cell(expectation.why)} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

const cell = (text: string) => text.replaceAll("|", "\\|");
