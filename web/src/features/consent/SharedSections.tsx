import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { useDateFormat } from "../families/FamilyBits.tsx";
import { categoryLabel, WithheldNotice } from "./ConsentBits.tsx";
import { DATA_CATEGORIES, type DataCategory, type SharedFamily } from "./consent.api.ts";

/** Every data category in a fixed order: its content when readable, or why it is withheld. */
export function SharedSections({ family }: { family: SharedFamily }) {
  const { t } = useTranslation();
  return (
    <>
      {DATA_CATEGORIES.map((category) => {
        const withheld = family.withheld.find((w) => w.category === category);
        const content = <SectionContent category={category} family={family} />;
        const readable = family.sections[category] !== undefined;
        if (!readable && !withheld) return null;
        return (
          <section key={category} aria-labelledby={`shared-${category}`} className="families-section">
            <h2 id={`shared-${category}`}>{categoryLabel(t, category)}</h2>
            {readable ? content : withheld ? <WithheldNotice withheld={withheld} /> : null}
          </section>
        );
      })}
    </>
  );
}

function SectionContent({ category, family }: { category: DataCategory; family: SharedFamily }): ReactNode {
  const s = family.sections;
  switch (category) {
    case "identity_contact":
      return s.identity_contact ? <Identity data={s.identity_contact} /> : null;
    case "assessment":
      return s.assessment ? <Assessments data={s.assessment} /> : null;
    case "service_plan":
      return s.service_plan ? <Plan data={s.service_plan} /> : null;
    case "contact_notes":
      return s.contact_notes ? <Contacts data={s.contact_notes} /> : null;
    case "referral_details":
      return s.referral_details ? <Referrals data={s.referral_details} /> : null;
    case "welfare_to_work_eligibility":
      return s.welfare_to_work_eligibility ? (
        <Records category={category} records={s.welfare_to_work_eligibility.records} />
      ) : null;
    case "child_welfare_history":
      return s.child_welfare_history ? (
        <Records category={category} records={s.child_welfare_history.records} />
      ) : null;
    default:
      return null;
  }
}

type Sections = SharedFamily["sections"];

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-bold">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Identity({ data }: { data: NonNullable<Sections["identity_contact"]> }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const language = (code: string | null) =>
    code ? t(`families.language.${code}`, { defaultValue: code }) : "—";
  return (
    <>
      <dl className="consent-facts">
        <Fact label={t("consent.view.name")} value={data.displayName} />
        <Fact label={t("consent.view.language")} value={language(data.preferredLanguage)} />
        <Fact label={t("consent.view.phone")} value={data.phone ?? "—"} />
        <Fact label={t("consent.view.email")} value={data.email ?? "—"} />
        <Fact label={t("consent.view.address")} value={data.address ?? "—"} />
      </dl>
      {data.members.length > 0 ? (
        <div className="consent-section-table">
          <table className="usa-table usa-table--compact">
            <caption>{t("consent.view.members")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consent.view.name")}</th>
                <th scope="col">{t("consent.view.relationship")}</th>
                <th scope="col">{t("consent.view.dateOfBirth")}</th>
                <th scope="col">{t("consent.view.language")}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m, i) => (
                // Members carry no id in the shared view; their order is stable.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                <tr key={i}>
                  <th scope="row">
                    {m.firstName} {m.lastName}
                  </th>
                  <td>{t(`families.relationship.${m.relationship}`, { defaultValue: m.relationship })}</td>
                  <td>{formatDate(m.dateOfBirth)}</td>
                  <td>{language(m.preferredLanguage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function Assessments({ data }: { data: NonNullable<Sections["assessment"]> }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <>
      <p>
        {t("consent.view.intensity")}:{" "}
        {data.intensity ? t(`families.intensity.${data.intensity}`, { defaultValue: data.intensity }) : "—"}
      </p>
      {data.assessments.length === 0 ? (
        <p>{t("consent.view.none")}</p>
      ) : (
        <div className="consent-section-table">
          <table className="usa-table usa-table--compact">
            <caption>{t("consent.view.assessments")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consent.view.date")}</th>
                <th scope="col">{t("consent.view.total")}</th>
                <th scope="col">{t("consent.view.suggested")}</th>
                <th scope="col">{t("consent.view.crisis")}</th>
              </tr>
            </thead>
            <tbody>
              {data.assessments.map((a) => (
                <tr key={`${a.assessedOn}-${a.total}`}>
                  <th scope="row">{formatDate(a.assessedOn)}</th>
                  <td>{a.total}</td>
                  <td>
                    {t(`families.intensity.${a.suggestedIntensity}`, { defaultValue: a.suggestedIntensity })}
                  </td>
                  <td>{a.crisisKinds.length > 0 ? a.crisisKinds.join(", ") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Plan({ data }: { data: NonNullable<Sections["service_plan"]> }) {
  const { t } = useTranslation();
  if (data.goals.length === 0) return <p>{t("consent.view.noPlan")}</p>;
  return (
    <>
      {data.revision !== null ? <p>{t("consent.view.revision", { revision: data.revision })}</p> : null}
      <ol>
        {data.goals.map((g) => (
          <li key={g.goal} className="margin-bottom-2">
            <strong>{g.goal}</strong>
            {g.steps.length > 0 ? (
              <ul>
                {g.steps.map((s) => (
                  <li key={`${s.action}-${s.who}-${s.when}`}>
                    {t("consent.view.step", { action: s.action, who: s.who, when: s.when })}
                  </li>
                ))}
              </ul>
            ) : null}
            {g.servicesNeeded.length > 0 ? (
              <p className="margin-y-05">
                {t("consent.view.services", { services: g.servicesNeeded.join(", ") })}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function Contacts({ data }: { data: NonNullable<Sections["contact_notes"]> }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  if (data.contacts.length === 0) return <p>{t("consent.view.none")}</p>;
  return (
    <div className="consent-section-table">
      <table className="usa-table usa-table--compact">
        <caption>{t("consent.view.contacts")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("consent.view.date")}</th>
            <th scope="col">{t("consent.view.kind")}</th>
            <th scope="col">{t("consent.view.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {data.contacts.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: contacts carry no id in the shared view.
            <tr key={i}>
              <th scope="row">{formatDate(c.contactDate)}</th>
              <td>{t(`families.contacts.kinds.${c.kind}`, { defaultValue: c.kind })}</td>
              <td>{c.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Referrals({ data }: { data: NonNullable<Sections["referral_details"]> }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  if (data.referrals.length === 0) return <p>{t("consent.view.none")}</p>;
  return (
    <div className="consent-section-table">
      <table className="usa-table usa-table--compact">
        <caption>{t("consent.view.referrals")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("consent.view.service")}</th>
            <th scope="col">{t("consent.view.status")}</th>
            <th scope="col">{t("consent.view.reason")}</th>
            <th scope="col">{t("consent.view.sent")}</th>
          </tr>
        </thead>
        <tbody>
          {data.referrals.map((r) => (
            <tr key={`${r.serviceName}-${r.sentAt}`}>
              <th scope="row">
                {r.serviceName}
                {r.providerName ? (
                  <span className="display-block text-base-dark">{r.providerName}</span>
                ) : null}
              </th>
              <td>{t(`referrals.status.${r.status}`, { defaultValue: r.status })}</td>
              <td>{r.reason}</td>
              <td>{formatDateTime(r.sentAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Records({
  category,
  records,
}: {
  category: DataCategory;
  records: { recordedOn: string; summary: string }[];
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  if (records.length === 0) return <p>{t("consent.view.none")}</p>;
  return (
    <ul aria-label={categoryLabel(t, category)}>
      {records.map((r) => (
        <li key={`${r.recordedOn}-${r.summary}`}>
          <strong>{formatDate(r.recordedOn)}</strong> — {r.summary}
        </li>
      ))}
    </ul>
  );
}
