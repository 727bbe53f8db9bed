import { Button } from "@trussworks/react-uswds";
import {
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { useAnnounce } from "./Announcer.tsx";

export interface EditorProps<V> {
  id: string;
  draft: V;
  setDraft: (value: V) => void;
  describedBy: string | undefined;
}

interface EditableCellProps<V> {
  /** What is being edited ("Due date"), for labels and announcements. */
  label: string;
  /** Which item it belongs to ("Action step 2"), so the many edit buttons of a table differ. */
  context?: string;
  value: V;
  /** The value as read; empty shows a dash (or an invitation to fill it in, when editable). */
  display: ReactNode;
  editable: boolean;
  renderEditor: (props: EditorProps<V>) => ReactNode;
  save: (draft: V) => Promise<unknown>;
  /** Reloads the plan after a conflict; the draft stays. */
  onReload: () => void;
  isEqual?: (a: V, b: V) => boolean;
  /** Textareas: Enter saves, Shift+Enter starts a new line. */
  multiline?: boolean;
  className?: string;
}

type CellState = "idle" | "saving" | "saved" | "error";

/**
 * A value that opens for editing in place, like a cell of the Word table it replaces: click or Enter opens
 * it, Enter or leaving it saves, Escape cancels. Saving, saved and errors show next to it, and a conflict
 * with someone else's change keeps what was typed until it is saved or cancelled.
 */
export function EditableCell<V>({
  label,
  context,
  value,
  display,
  editable,
  renderEditor,
  save,
  onReload,
  isEqual = Object.is,
  multiline = false,
  className,
}: EditableCellProps<V>) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<V>(value);
  const [state, setState] = useState<CellState>("idle");
  const [error, setError] = useState<unknown>(null);
  const button = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Opening a cell puts the cursor in its input, as clicking into a Word table cell would.
  useEffect(() => {
    if (editing)
      form.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }, [editing]);
  const inputId = `${id}-input`;
  const statusId = `${id}-status`;
  const name = context ? t("plans.cell.editNamed", { label, context }) : t("plans.cell.edit", { label });
  const isEmpty = display === null || display === undefined || display === "";

  if (!editable) {
    return <span className={className}>{isEmpty ? <span className="text-base">—</span> : display}</span>;
  }

  function open() {
    setDraft(value);
    setError(null);
    setState("idle");
    setEditing(true);
  }

  function close(restoreFocus: boolean) {
    setEditing(false);
    setError(null);
    if (restoreFocus) requestAnimationFrame(() => button.current?.focus());
  }

  async function commit(restoreFocus: boolean) {
    if (state === "saving") return;
    if (isEqual(draft, value) && !error) {
      close(restoreFocus);
      return;
    }
    setState("saving");
    setError(null);
    try {
      await save(draft);
      setState("saved");
      announce(t("plans.cell.saved", { label: context ? `${context}, ${label}` : label }));
      close(restoreFocus);
    } catch (caught) {
      setState("error");
      setError(caught);
      announce(errorMessage(t, caught));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const target = event.target as HTMLElement;
    if (event.key === "Escape") {
      event.preventDefault();
      setState("idle");
      close(true);
      return;
    }
    if (event.key !== "Enter" || target.tagName === "BUTTON") return;
    if (target.tagName === "TEXTAREA" && (event.shiftKey || !multiline)) return;
    event.preventDefault();
    void commit(true);
  }

  function onBlur(event: FocusEvent<HTMLFormElement>) {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    // A failed save waits for the user: leaving again must not retry on its own.
    if (state === "error" || state === "saving") return;
    void commit(false);
  }

  if (editing) {
    const conflict = isApiError(error, "conflict.stale_version");
    return (
      <form
        ref={form}
        className={`plan-cell plan-cell--editing ${className ?? ""}`}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        onSubmit={(event) => {
          event.preventDefault();
          void commit(true);
        }}
        aria-label={name}
      >
        {renderEditor({ id: inputId, draft, setDraft, describedBy: error ? statusId : undefined })}
        <div className="plan-cell__actions">
          <Button type="submit" className="plan-cell__save" disabled={state === "saving"}>
            {t("plans.cell.save")}
          </Button>
          <Button
            type="button"
            unstyled
            className="plan-cell__cancel"
            onClick={() => {
              setState("idle");
              close(true);
            }}
          >
            {t("plans.cell.cancel")}
          </Button>
          {state === "saving" ? <span className="plan-cell__saving">{t("plans.cell.saving")}</span> : null}
        </div>
        {error ? (
          <div id={statusId} className="plan-cell__error">
            <p className="margin-y-05">{conflict ? t("plans.cell.conflict") : errorMessage(t, error)}</p>
            {conflict ? (
              <Button type="button" outline className="plan-cell__reload" onClick={onReload}>
                {t("plans.reload")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </form>
    );
  }

  return (
    <span className={`plan-cell ${className ?? ""}`}>
      <button ref={button} type="button" className="plan-cell__button" onClick={open}>
        {isEmpty ? <span className="plan-cell__empty">{t("plans.cell.empty")}</span> : display}
        <span className="usa-sr-only"> — {name}</span>
      </button>
      {state === "saved" ? <span className="plan-cell__saved">{t("plans.cell.savedShort")}</span> : null}
    </span>
  );
}
