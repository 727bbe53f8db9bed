/** What changed between two versions of a plan: items added, removed and changed (pure). */
import { type PlanDocument, type PlanItemNode, walkItems } from "../plans/plans.presenter.ts";

export interface ItemChange {
  itemId: string;
  level: string;
  number: string | null;
  title: string;
  change: "added" | "removed" | "changed";
  /** For "changed": field → [before, after]. */
  fields?: Record<string, [unknown, unknown]>;
}

const COMPARED = ["title", "status", "dueDate", "timeframe", "number"] as const;

function flatten(doc: PlanDocument): Map<string, PlanItemNode> {
  return new Map(
    doc.sections.flatMap((s) => [...walkItems(s.items)].map(({ node }) => [node.id, node] as const)),
  );
}

export function diffPlans(before: PlanDocument, after: PlanDocument): ItemChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: ItemChange[] = [];
  for (const [id, node] of b) {
    const old = a.get(id);
    if (!old) {
      changes.push({
        itemId: id,
        level: node.level,
        number: node.number,
        title: node.title,
        change: "added",
      });
      continue;
    }
    const fields: Record<string, [unknown, unknown]> = {};
    for (const key of COMPARED) if (old[key] !== node[key]) fields[key] = [old[key], node[key]];
    if (old.assignee.display !== node.assignee.display)
      fields.assignee = [old.assignee.display, node.assignee.display];
    if (JSON.stringify(old.fields) !== JSON.stringify(node.fields)) fields.fields = [old.fields, node.fields];
    if (Object.keys(fields).length > 0) {
      changes.push({
        itemId: id,
        level: node.level,
        number: node.number,
        title: node.title,
        change: "changed",
        fields,
      });
    }
  }
  for (const [id, node] of a) {
    if (!b.has(id))
      changes.push({
        itemId: id,
        level: node.level,
        number: node.number,
        title: node.title,
        change: "removed",
      });
  }
  return changes;
}
