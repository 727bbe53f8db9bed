import { useQueryClient } from "@tanstack/react-query";
import { Icon } from "@trussworks/react-uswds";
import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { useLocalize } from "../plans/plans.format.ts";
import type { PlanDocument } from "../plans/plans.types.ts";
import { sipKeys, useChecks } from "./sip.api.ts";
import type { Finding, Severity } from "./sip.types.ts";

/** Where a finding points: its item, else its section, else the SIP team (plan-level findings). */
export function findingTarget(finding: Finding): string {
  if (finding.itemId) return `item-${finding.itemId}`;
  if (finding.section) return `section-${finding.section}`;
  return finding.code === "sip.core_representative_missing" ? "sip-team-heading" : "plan-details-heading";
}

/** Scrolls to the target and moves focus there, so keyboard users land where the problem is. */
export function goToTarget(event: MouseEvent<HTMLAnchorElement>, targetId: string) {
  const target = document.getElementById(targetId);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "center" });
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  window.history.replaceState(null, "", `#${targetId}`);
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  const icon =
    severity === "error" ? (
      <Icon.Error aria-hidden="true" focusable={false} />
    ) : severity === "warning" ? (
      <Icon.Warning aria-hidden="true" focusable={false} />
    ) : (
      <Icon.Info aria-hidden="true" focusable={false} />
    );
  return (
    <span className={`usa-tag sip-severity sip-severity--${severity}`}>
      {icon}
      {t(`sip.severity.${severity}`)}
    </span>
  );
}

/**
 * The guide's checks, live: fetched again whenever the plan document changes (every saved edit stores a new
 * one), each finding a link to the item it concerns, its severity said in words.
 */
export function ChecksPanel({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const client = useQueryClient();
  const checks = useChecks(plan.id);
  const first = useRef(true);
  useEffect(() => {
    // The plan object changes on every saved edit; the first render already fetches.
    void plan;
    if (first.current) {
      first.current = false;
      return;
    }
    void client.invalidateQueries({ queryKey: sipKeys.checks(plan.id) });
    void client.invalidateQueries({ queryKey: sipKeys.progress(plan.id) });
  }, [plan, client]);

  const findings = checks.data?.findings ?? [];
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return (
    <section aria-labelledby="sip-checks-heading" className="sip-panel sip-checks">
      <h2 id="sip-checks-heading">{t("sip.checks.title")}</h2>
      {checks.isPending ? <Loading /> : null}
      {checks.isError ? <ErrorAlert error={checks.error} /> : null}
      {checks.data ? (
        <>
          <p role="status" className="sip-checks__summary">
            {t("sip.checks.summary", {
              errors: count("error"),
              warnings: count("warning"),
              infos: count("info"),
            })}{" "}
            {count("error") > 0 ? t("sip.checks.blocked") : t("sip.checks.ready")}
            {checks.isFetching ? ` ${t("sip.checks.refreshing")}` : ""}
          </p>
          {findings.length > 0 ? (
            <ul className="sip-findings" aria-label={t("sip.checks.listLabel")}>
              {findings.map((finding, index) => {
                const target = findingTarget(finding);
                return (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list is rebuilt each time
                    key={`${finding.code}-${finding.itemId ?? ""}-${index}`}
                    className={`sip-finding sip-finding--${finding.severity}`}
                  >
                    <SeverityTag severity={finding.severity} />
                    <a
                      href={`#${target}`}
                      className="usa-link"
                      onClick={(event) => goToTarget(event, target)}
                    >
                      {localize(finding.message)}
                    </a>
                    {finding.suggestion ? (
                      <span className="sip-finding__suggestion">
                        {t("sip.checks.suggestion", { text: localize(finding.suggestion) })}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
