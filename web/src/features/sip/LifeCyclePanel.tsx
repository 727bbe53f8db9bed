import { Button, FormGroup, Label, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { isoToday, useIsoDateFormat, useLocalize } from "../plans/plans.format.ts";
import { findingTarget, goToTarget } from "./ChecksPanel.tsx";
import { useChecks, useTransition, useWorkflow } from "./sip.api.ts";
import { useSipErrorMessage, useTimestampFormat } from "./sip.format.ts";
import { type AllowedTransition, SIP_STATUSES, type SipStatus, type WorkflowState } from "./sip.types.ts";
import { TableWrap } from "./TableWrap.tsx";

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`usa-tag sip-status sip-status--${status}`}>
      {t(`sip.status.${status}`, { defaultValue: status })}
    </span>
  );
}

/** Where the SIP is in its life cycle, the moves open to this user with what each needs, and its history. */
export function LifeCyclePanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const workflow = useWorkflow(planId);
  const errorText = useSipErrorMessage();
  const formatDate = useIsoDateFormat();
  const [moved, setMoved] = useState<SipStatus | null>(null);
  if (workflow.isPending) return <Loading />;
  if (workflow.isError) {
    return (
      <p className="usa-error-message" role="alert">
        {errorText(workflow.error)}
      </p>
    );
  }
  const state = workflow.data;
  const current = state.status;
  const latest = state.versions.at(-1);
  return (
    <section aria-labelledby="sip-lifecycle-heading" className="sip-panel sip-lifecycle">
      <h2 id="sip-lifecycle-heading">{t("sip.lifecycle.title")}</h2>
      <p>
        {t("sip.lifecycle.current")} <StatusTag status={current} />
      </p>
      <ol className="sip-steps" aria-label={t("sip.lifecycle.stepsLabel")}>
        {SIP_STATUSES.map((status) => (
          <li
            key={status}
            className={status === current ? "sip-steps__step sip-steps__step--current" : "sip-steps__step"}
            aria-current={status === current ? "step" : undefined}
          >
            {t(`sip.status.${status}`)}
            {status === current ? (
              <span className="usa-sr-only"> ({t("sip.lifecycle.currentStep")})</span>
            ) : null}
          </li>
        ))}
      </ol>
      {latest ? (
        <p>
          {t("sip.lifecycle.annualUpdateDue", {
            version: latest.version,
            date: formatDate(latest.annualUpdateDue),
          })}
          {latest.annualUpdateDue < isoToday() && current === "accepted" ? (
            <strong className="sip-overdue"> {t("sip.lifecycle.annualUpdateOverdue")}</strong>
          ) : null}
        </p>
      ) : null}
      {moved ? (
        <SuccessAlert>{t("sip.lifecycle.moved", { status: t(`sip.status.${moved}`) })}</SuccessAlert>
      ) : null}
      {state.allowed.length === 0 ? (
        <p>{t("sip.lifecycle.noMoves")}</p>
      ) : (
        <div className="sip-moves">
          {state.allowed.map((transition) => (
            <TransitionForm
              key={transition.to}
              planId={planId}
              from={current}
              transition={transition}
              onMoved={setMoved}
            />
          ))}
        </div>
      )}
      <WorkflowHistory state={state} />
    </section>
  );
}

function TransitionForm({
  planId,
  from,
  transition,
  onMoved,
}: {
  planId: string;
  from: SipStatus;
  transition: AllowedTransition;
  onMoved: (status: SipStatus) => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const id = useId();
  const move = useTransition(planId);
  const checks = useChecks(planId);
  const errorText = useSipErrorMessage();
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const key = `${from}__${transition.to}`;
  const label = t(`sip.moves.${key}`, { defaultValue: t(`sip.status.${transition.to}`) });
  const blocking = transition.requiresCleanChecks
    ? (checks.data?.findings ?? []).filter((f) => f.severity === "error")
    : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = transition.requires.filter((field) => !values[field]?.trim());
    setMissing(empty);
    if (empty.length > 0) {
      document.getElementById(`${id}-${empty[0]}`)?.focus();
      return;
    }
    move.mutate(
      {
        to: transition.to,
        ...Object.fromEntries(transition.requires.map((field) => [field, values[field]?.trim() ?? ""])),
      },
      { onSuccess: () => onMoved(transition.to) },
    );
  }

  const serverProblems = isApiError(move.error, "workflow.checks_failing") ? move.error.details : [];
  return (
    <form className="usa-form sip-move" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="sip-move__title">
        {label}
      </h3>
      {transition.requires.map((field) => (
        <FormGroup key={field} error={missing.includes(field)}>
          <Label htmlFor={`${id}-${field}`}>{t(`sip.lifecycle.fields.${field}`)}</Label>
          {missing.includes(field) ? (
            <span className="usa-error-message" id={`${id}-${field}-error`}>
              {t("sip.common.required")}
            </span>
          ) : null}
          {field === "note" ? (
            <Textarea
              id={`${id}-${field}`}
              name={field}
              maxLength={5000}
              value={values[field] ?? ""}
              aria-describedby={missing.includes(field) ? `${id}-${field}-error` : undefined}
              onChange={(event) => setValues((v) => ({ ...v, [field]: event.target.value }))}
            />
          ) : (
            <input
              id={`${id}-${field}`}
              name={field}
              className="usa-input"
              type={field === "boardApprovalDate" ? "date" : "text"}
              maxLength={2000}
              value={values[field] ?? ""}
              aria-describedby={missing.includes(field) ? `${id}-${field}-error` : undefined}
              onChange={(event) => setValues((v) => ({ ...v, [field]: event.target.value }))}
            />
          )}
        </FormGroup>
      ))}
      {blocking.length > 0 ? (
        <div className="sip-blocked" id={`${id}-blocked`}>
          <p className="margin-y-1">
            <strong>{t("sip.lifecycle.blocked", { number: blocking.length })}</strong>
          </p>
          <ul>
            {blocking.map((finding, index) => {
              const target = findingTarget(finding);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id
                <li key={index}>
                  <a href={`#${target}`} className="usa-link" onClick={(event) => goToTarget(event, target)}>
                    {localize(finding.message)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <Button
        type="submit"
        disabled={move.isPending || blocking.length > 0}
        aria-describedby={blocking.length > 0 ? `${id}-blocked` : undefined}
      >
        {label}
      </Button>
      {move.isError ? (
        <div className="usa-error-message" role="alert">
          <p className="margin-y-1">{errorText(move.error)}</p>
          {serverProblems.length > 0 ? (
            <ul>
              {serverProblems.map((problem, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
                <li key={index}>{problem.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function WorkflowHistory({ state }: { state: WorkflowState }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  const formatDate = useIsoDateFormat();
  return (
    <>
      <h3>{t("sip.history.title")}</h3>
      {state.events.length === 0 ? (
        <p>{t("sip.history.empty")}</p>
      ) : (
        <TableWrap label={t("sip.history.title")}>
          <table className="usa-table usa-table--borderless usa-table--stacked sip-table">
            <caption className="usa-sr-only">{t("sip.history.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sip.history.when")}</th>
                <th scope="col">{t("sip.history.move")}</th>
                <th scope="col">{t("sip.history.who")}</th>
                <th scope="col">{t("sip.history.details")}</th>
              </tr>
            </thead>
            <tbody>
              {state.events.map((event) => (
                <tr key={`${event.at}-${event.to}`}>
                  <th scope="row" data-label={t("sip.history.when")}>
                    {formatTime(event.at)}
                  </th>
                  <td data-label={t("sip.history.move")}>
                    {t("sip.history.fromTo", {
                      from: t(`sip.status.${event.from}`, { defaultValue: event.from }),
                      to: t(`sip.status.${event.to}`, { defaultValue: event.to }),
                    })}
                  </td>
                  <td data-label={t("sip.history.who")}>{event.actorName ?? "—"}</td>
                  <td data-label={t("sip.history.details")}>
                    {event.data?.boardApprovalDate ? (
                      <span className="display-block">
                        {t("sip.history.boardApproval", {
                          date: formatDate(event.data.boardApprovalDate),
                          agendaItem: event.data.agendaItem ?? "",
                        })}
                      </span>
                    ) : null}
                    {event.note ? <span className="display-block">{event.note}</span> : null}
                    {!event.note && !event.data?.boardApprovalDate ? "—" : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
