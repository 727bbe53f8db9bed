import "./families.css";
import { Checkbox } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { DueText, IntensityTag, StepTag } from "./FamilyBits.tsx";
import { useCaseload, useFamilySettings, useUpdateFamilySettings } from "./families.api.ts";

/** My caseload (next actions, what is overdue, crises first) or, for supervisors, every worker's. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const role = activeMembership(me)?.role;
  const isSupervisor = role === "manager" || role === "admin";
  const [params] = useSearchParams();
  const view = isSupervisor && params.get("view") === "supervisor" ? "supervisor" : "mine";
  const caseload = useCaseload(view);
  const title = view === "supervisor" ? t("families.caseload.supervisorTitle") : t("families.caseload.title");

  return (
    <Page title={title} intro={t(`families.caseload.intro.${view}`)}>
      <div className="families-actions margin-bottom-2">
        <Link to="/families" className="usa-link">
          {t("families.list.title")}
        </Link>
        {isSupervisor ? (
          <Link to={view === "supervisor" ? "/caseload" : "/caseload?view=supervisor"} className="usa-link">
            {view === "supervisor" ? t("families.caseload.title") : t("families.caseload.supervisorTitle")}
          </Link>
        ) : null}
      </div>
      {caseload.isPending ? <Loading /> : null}
      {caseload.isError ? <ErrorAlert error={caseload.error} /> : null}
      {caseload.data ? (
        <>
          <ul className="usa-card-group">
            {(["open", "inCrisis", "contactsOverdue", "reassessmentsDue"] as const).map((key) => (
              <li key={key} className="usa-card tablet:grid-col-3 grid-col-6">
                <div className="usa-card__container">
                  <div className="usa-card__body padding-y-1">
                    <p className="font-heading-xl margin-y-0">{caseload.data.counts[key]}</p>
                    <p className="margin-top-0">{t(`families.caseload.counts.${key}`)}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          {view === "supervisor" ? <ApprovalSetting /> : null}
          {view === "supervisor" ? (
            <table className="usa-table usa-table--stacked-header width-full">
              <caption>{t("families.caseload.workersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("families.caseload.worker")}</th>
                  <th scope="col">{t("families.caseload.counts.open")}</th>
                  <th scope="col">{t("families.intensity.intensive")}</th>
                  <th scope="col">{t("families.intensity.standard")}</th>
                  <th scope="col">{t("families.intensity.undecided")}</th>
                  <th scope="col">{t("families.caseload.counts.contactsOverdue")}</th>
                  <th scope="col">{t("families.caseload.counts.reassessmentsDue")}</th>
                  <th scope="col">{t("families.caseload.counts.inCrisis")}</th>
                </tr>
              </thead>
              <tbody>
                {caseload.data.workers.map((w) => (
                  <tr key={w.userId ?? "none"}>
                    <th scope="row" data-label={t("families.caseload.worker")}>
                      {w.name || t("families.caseload.unassigned")}
                    </th>
                    <td data-label={t("families.caseload.counts.open")}>{w.open}</td>
                    <td data-label={t("families.intensity.intensive")}>{w.intensive}</td>
                    <td data-label={t("families.intensity.standard")}>{w.standard}</td>
                    <td data-label={t("families.intensity.undecided")}>{w.undecided}</td>
                    <td data-label={t("families.caseload.counts.contactsOverdue")}>{w.contactsOverdue}</td>
                    <td data-label={t("families.caseload.counts.reassessmentsDue")}>
                      {w.reassessmentsOverdue}
                    </td>
                    <td data-label={t("families.caseload.counts.inCrisis")}>{w.inCrisis}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {caseload.data.families.length === 0 ? (
            <EmptyState title={t("families.caseload.empty")}>{t("families.caseload.emptyBody")}</EmptyState>
          ) : (
            <table className="usa-table usa-table--stacked-header width-full">
              <caption>{t("families.caseload.caption", { count: caseload.data.families.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("families.list.family")}</th>
                  <th scope="col">{t("families.caseload.nextAction")}</th>
                  <th scope="col">{t("families.list.step")}</th>
                  <th scope="col">{t("families.list.intensity")}</th>
                  <th scope="col">{t("families.list.nextContact")}</th>
                  <th scope="col">{t("families.family.reassessment")}</th>
                  {view === "supervisor" ? <th scope="col">{t("families.list.caseManager")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {caseload.data.families.map((f) => (
                  <tr key={f.id}>
                    <th scope="row" data-label={t("families.list.family")}>
                      <Link to={`/families/${f.id}`} className="usa-link">
                        {f.displayName}
                      </Link>
                      {f.inCrisis ? (
                        <span className="usa-tag bg-secondary-darker margin-left-1">
                          {t("families.crisis.tag")}
                        </span>
                      ) : null}
                    </th>
                    <td data-label={t("families.caseload.nextAction")}>
                      {t(`families.nextAction.${f.nextAction}`)}
                    </td>
                    <td data-label={t("families.list.step")}>
                      <StepTag step={f.step} />
                    </td>
                    <td data-label={t("families.list.intensity")}>
                      <IntensityTag level={f.intensity} />
                    </td>
                    <td data-label={t("families.list.nextContact")}>
                      <DueText due={f.contactDue} />
                    </td>
                    <td data-label={t("families.family.reassessment")}>
                      <DueText due={f.reassessmentDue} />
                    </td>
                    {view === "supervisor" ? (
                      <td data-label={t("families.list.caseManager")}>{f.caseManagerName ?? "—"}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </Page>
  );
}

/** The organization's choice: do service plans wait for a supervisor's approval? */
function ApprovalSetting() {
  const { t } = useTranslation();
  const settings = useFamilySettings();
  const update = useUpdateFamilySettings();
  if (!settings.data?.canManage) return null;
  return (
    <div className="margin-y-2">
      <Checkbox
        id="require-plan-approval"
        name="requirePlanApproval"
        label={t("families.caseload.approvalSetting")}
        checked={settings.data.requirePlanApproval}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ requirePlanApproval: e.target.checked })}
      />
      {update.error ? <ErrorAlert error={update.error} /> : null}
    </div>
  );
}
