import "./referrals.css";
import { Button } from "@trussworks/react-uswds";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import type { FamilyDocument } from "../families/families.api.ts";
import { ReferForm } from "./ReferForm.tsx";
import { StatusTag, useDateTimeFormat } from "./ReferralBits.tsx";
import { type Referral, useFamilyReferrals } from "./referrals.api.ts";

/** Step 3 on the family page: the family's referrals per goal, with status, and "Refer". */
export function FamilyReferralsSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const referrals = useFamilyReferrals(family.id);
  const [referring, setReferring] = useState(false);
  const [sent, setSent] = useState(false);

  const groups = new Map<string, Referral[]>();
  for (const referral of referrals.data?.items ?? []) {
    const key = referral.goal?.text ?? "";
    groups.set(key, [...(groups.get(key) ?? []), referral]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : 0));

  return (
    <section className="families-section" aria-labelledby="linkage-heading">
      <h2 id="linkage-heading">{t("families.linkage.heading")}</h2>
      {referrals.isPending ? <Loading /> : null}
      {referrals.isError ? <ErrorAlert error={referrals.error} /> : null}
      {referrals.data && referrals.data.items.length === 0 ? <p>{t("referrals.family.none")}</p> : null}
      {sent ? (
        <p role="status" className="text-bold">
          {t("referrals.refer.sent")}
        </p>
      ) : null}
      {ordered.map(([goal, list]) => (
        <div key={goal || "no-goal"}>
          <h3 className="font-sans-sm">
            {goal ? t("referrals.family.goal", { goal }) : t("referrals.family.noGoal")}
          </h3>
          <ReferralList referrals={list} />
        </div>
      ))}
      {family.status === "open" ? (
        referring ? (
          <ReferForm
            family={family}
            onDone={() => {
              setReferring(false);
              setSent(true);
            }}
          />
        ) : (
          <p className="referrals-no-print">
            <Button
              type="button"
              onClick={() => {
                setReferring(true);
                setSent(false);
              }}
            >
              {t("referrals.family.refer")}
            </Button>
            <Link to="/directory" className="usa-link margin-left-2">
              {t("families.linkage.directory")}
            </Link>
          </p>
        )
      ) : null}
    </section>
  );
}

function ReferralList({ referrals }: { referrals: Referral[] }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  return (
    <ul className="usa-list usa-list--unstyled">
      {referrals.map((referral) => (
        <li key={referral.id} className="margin-bottom-1">
          <Link to={`/referrals/${referral.id}`} className="usa-link">
            {referral.service.name}
          </Link>
          {referral.service.providerName ? ` — ${referral.service.providerName}` : ""}{" "}
          <StatusTag status={referral.status} />{" "}
          <span className="text-base">
            {t("referrals.list.sentOn", { date: formatDateTime(referral.sentAt) })}
          </span>
          {referral.offTrellis ? (
            <span className="text-base"> · {t("referrals.list.offTrellis")}</span>
          ) : null}
          {referral.history.at(-1)?.note ? (
            <div className="referrals-note">{referral.history.at(-1)?.note}</div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
