import "./families.css";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { ConsentsSection } from "../consent/ConsentsSection.tsx";
import { ProgramRecordsSection } from "../consent/ProgramRecordsSection.tsx";
import { PrivacySection } from "../privacy/PrivacySection.tsx";
import { FamilyReferralsSection } from "../referrals/FamilyReferralsSection.tsx";
import { AssessmentSection, IntensitySection } from "./AssessmentSection.tsx";
import { ClosureSection } from "./ClosureSection.tsx";
import { ContactsSection } from "./ContactsSection.tsx";
import { DueText, IntensityTag, STEPS, useDateFormat } from "./FamilyBits.tsx";
import { type FamilyDocument, useFamily } from "./families.api.ts";
import { HouseholdDetailsForm } from "./HouseholdDetailsForm.tsx";
import { HouseholdMembers } from "./HouseholdMembers.tsx";
import { MergeSection } from "./MergeSection.tsx";
import { ServicePlanSection } from "./ServicePlanSection.tsx";

/** The family record: household, the step the family is at, and one section per step. */
export function FamilyPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const family = useFamily(id);
  if (family.isPending) return <Loading />;
  if (family.isError) {
    return (
      <Page title={t("families.family.notFound")}>
        <ErrorAlert error={family.error} />
        <Link to="/families" className="usa-link">
          {t("families.family.back")}
        </Link>
      </Page>
    );
  }
  const f = family.data;
  return (
    <Page title={f.displayName}>
      <p>
        <Link to="/families" className="usa-link families-no-print">
          {t("families.family.back")}
        </Link>
      </p>
      <Household family={f} />
      {f.status === "open" ? <MergeSection family={f} /> : null}
      <StepIndicator family={f} />
      <AssessmentSection family={f} />
      <IntensitySection family={f} />
      <ServicePlanSection family={f} />
      <FamilyReferralsSection family={f} />
      <ContactsSection family={f} />
      <ClosureSection family={f} />
      <ConsentsSection family={f} />
      <ProgramRecordsSection family={f} />
      <PrivacySection family={f} />
    </Page>
  );
}

function Household({ family: f }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <section aria-labelledby="household-heading">
      <h2 id="household-heading">{t("families.family.household")}</h2>
      <HouseholdDetailsForm family={f} />
      <dl className="grid-row grid-gap-2">
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.language")}</dt>
          <dd className="margin-left-0">
            {t(`families.language.${f.preferredLanguage}`, { defaultValue: f.preferredLanguage })}
          </dd>
        </div>
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.intensity")}</dt>
          <dd className="margin-left-0">
            <IntensityTag level={f.intensity} />
          </dd>
        </div>
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.caseManager")}</dt>
          <dd className="margin-left-0">{f.caseManagerName ?? "—"}</dd>
        </div>
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.phone")}</dt>
          <dd className="margin-left-0">{f.phone ?? "—"}</dd>
        </div>
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.referral")}</dt>
          <dd className="margin-left-0">
            {f.referralSource ?? "—"} ({formatDate(f.referralDate)})
          </dd>
        </div>
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.nextContact")}</dt>
          <dd className="margin-left-0">
            <DueText due={f.contactDue} />
          </dd>
        </div>
        <div className="tablet:grid-col-3 grid-col-6">
          <dt className="text-bold">{t("families.family.reassessment")}</dt>
          <dd className="margin-left-0">
            <DueText due={f.reassessmentDue} />
          </dd>
        </div>
      </dl>
      <HouseholdMembers family={f} />
    </section>
  );
}

function StepIndicator({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const current = STEPS.indexOf(family.step);
  return (
    <nav
      aria-label={t("families.family.stepsLabel")}
      className="usa-step-indicator usa-step-indicator--counters-sm margin-y-3"
    >
      <ol className="usa-step-indicator__segments">
        {STEPS.map((step, i) => (
          <li
            key={step}
            className={`usa-step-indicator__segment ${i < current ? "usa-step-indicator__segment--complete" : i === current ? "usa-step-indicator__segment--current" : ""}`}
            aria-current={i === current ? "step" : undefined}
          >
            <span className="usa-step-indicator__segment-label">
              {t(`families.step.${step}`)}
              {i < current ? <span className="usa-sr-only"> {t("families.family.stepDone")}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
