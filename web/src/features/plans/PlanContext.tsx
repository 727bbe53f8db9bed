import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useSignedInMe } from "../../app/session.ts";
import type { Me } from "../../app/types.ts";
import type { PlanChanges } from "./plans.api.ts";
import { planKeys, useUpdateItem, useUpdatePlan } from "./plans.api.ts";
import { canEditPlan, canUpdateProgress } from "./plans.format.ts";
import type { ItemChanges, PlanDocument, PlanItemNode } from "./plans.types.ts";

interface PlanEditing {
  plan: PlanDocument;
  me: Me;
  canEdit: boolean;
  canUpdate: (item: PlanItemNode) => boolean;
  /** Saves changes to an item with the version the page has; rejects with the API error. */
  saveItem: (item: PlanItemNode, changes: ItemChanges) => Promise<unknown>;
  savePlan: (changes: PlanChanges) => Promise<unknown>;
  /** Fetches the plan again (after a conflict); drafts on the page stay as they are. */
  reload: () => void;
}

const PlanEditingContext = createContext<PlanEditing | null>(null);

export function PlanEditingProvider({ plan, children }: { plan: PlanDocument; children: ReactNode }) {
  const me = useSignedInMe();
  const client = useQueryClient();
  const updateItem = useUpdateItem(plan.id);
  const updatePlan = useUpdatePlan(plan.id);
  const { mutateAsync: mutateItem } = updateItem;
  const { mutateAsync: mutatePlan } = updatePlan;
  const value = useMemo<PlanEditing>(
    () => ({
      plan,
      me,
      canEdit: canEditPlan(plan.access),
      canUpdate: (item) => canUpdateProgress(plan.access, item, me),
      saveItem: (item, changes) => mutateItem({ itemId: item.id, version: item.version, ...changes }),
      savePlan: (changes) => mutatePlan({ version: plan.version, ...changes }),
      reload: () => void client.invalidateQueries({ queryKey: planKeys.detail(plan.id) }),
    }),
    [plan, me, client, mutateItem, mutatePlan],
  );
  return <PlanEditingContext value={value}>{children}</PlanEditingContext>;
}

export function usePlanEditing(): PlanEditing {
  const value = useContext(PlanEditingContext);
  if (!value) throw new Error("usePlanEditing() used outside PlanEditingProvider");
  return value;
}
