import { Button, Icon } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { useAnnounce } from "./Announcer.tsx";
import { usePlanEditing } from "./PlanContext.tsx";
import { useDeleteItem, useMoveItem } from "./plans.api.ts";
import type { PlanItemNode } from "./plans.types.ts";

interface ItemActionsProps {
  item: PlanItemNode;
  /** "Action step 2": named in every button, since a table has many. */
  name: string;
  index: number;
  siblingCount: number;
  /** Where focus goes after the item is gone. */
  afterDeleteFocusId: string;
  notes?: { open: boolean; toggle: () => void; panelId: string } | undefined;
}

function focusSoon(id: string, fallbackId?: string) {
  // After the plan re-renders in its new order.
  setTimeout(() => {
    const target = document.getElementById(id);
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
    else if (fallbackId) document.getElementById(fallbackId)?.focus();
  }, 50);
}

/** Move up / down, notes and delete for one item; all keyboard operable, each naming its item. */
export function ItemActions({
  item,
  name,
  index,
  siblingCount,
  afterDeleteFocusId,
  notes,
}: ItemActionsProps) {
  const { t } = useTranslation();
  const { plan, canEdit, reload } = usePlanEditing();
  const move = useMoveItem(plan.id);
  const remove = useDeleteItem(plan.id);
  const announce = useAnnounce();
  const upId = `${item.id}-up`;
  const downId = `${item.id}-down`;
  const error = move.error ?? remove.error;

  function moveBy(offset: -1 | 1) {
    move.mutate(
      { itemId: item.id, version: item.version, position: index + offset },
      {
        onSuccess: () => {
          announce(t(offset < 0 ? "plans.item.movedUp" : "plans.item.movedDown", { name }));
          focusSoon(offset < 0 ? upId : downId, offset < 0 ? downId : upId);
        },
        onError: (caught) => announce(errorMessage(t, caught)),
      },
    );
  }

  function confirmDelete() {
    if (!window.confirm(t("plans.item.confirmDelete", { name, title: item.title }))) return;
    remove.mutate(
      { itemId: item.id, version: item.version },
      {
        onSuccess: () => {
          announce(t("plans.item.deleted", { name }));
          focusSoon(afterDeleteFocusId);
        },
        onError: (caught) => announce(errorMessage(t, caught)),
      },
    );
  }

  return (
    <div className="plan-actions">
      {notes ? (
        <Button
          type="button"
          unstyled
          className="plan-action"
          aria-expanded={notes.open}
          aria-controls={notes.panelId}
          onClick={notes.toggle}
        >
          <Icon.Comment aria-hidden="true" focusable={false} />
          {t("plans.item.notes")}
          <span className="usa-sr-only">: {name}</span>
        </Button>
      ) : null}
      {canEdit ? (
        <>
          <Button
            id={upId}
            type="button"
            unstyled
            className="plan-action"
            disabled={index === 0 || move.isPending}
            onClick={() => moveBy(-1)}
          >
            <Icon.ArrowUpward aria-hidden="true" focusable={false} />
            {t("plans.item.moveUp")}
            <span className="usa-sr-only">: {name}</span>
          </Button>
          <Button
            id={downId}
            type="button"
            unstyled
            className="plan-action"
            disabled={index >= siblingCount - 1 || move.isPending}
            onClick={() => moveBy(1)}
          >
            <Icon.ArrowDownward aria-hidden="true" focusable={false} />
            {t("plans.item.moveDown")}
            <span className="usa-sr-only">: {name}</span>
          </Button>
          <Button
            type="button"
            unstyled
            className="plan-action plan-action--danger"
            disabled={remove.isPending}
            onClick={confirmDelete}
          >
            <Icon.Delete aria-hidden="true" focusable={false} />
            {t("plans.item.delete")}
            <span className="usa-sr-only">: {name}</span>
          </Button>
        </>
      ) : null}
      {error ? (
        <p className="plan-cell__error margin-y-05">
          {isApiError(error, "conflict.stale_version") ? t("plans.item.conflict") : errorMessage(t, error)}
          {isApiError(error, "conflict.stale_version") ? (
            <Button type="button" unstyled className="margin-left-1" onClick={reload}>
              {t("plans.reload")}
            </Button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
