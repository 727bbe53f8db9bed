import { Button, Form, FormGroup, Label, Select, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { useDateFormat } from "../families/FamilyBits.tsx";
import type { FamilyDocument } from "../families/families.api.ts";
import { Chips, ConsentStateTag, categoryLabel, purposeLabel } from "./ConsentBits.tsx";
import {
  blankConsentFormUrl,
  type Consent,
  consentPdfUrl,
  consentSignedFormUrl,
  useConsents,
  useOrganizations,
  useRevokeConsent,
} from "./consent.api.ts";
import { RecordConsentForm } from "./RecordConsentForm.tsx";

/** What the family agreed to share, with whom and for what; recording, revoking and printing consents. */
export function ConsentsSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const consents = useConsents(family.id);
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState(false);

  return (
    <section className="families-section" aria-labelledby="consents-heading">
      <h2 id="consents-heading">{t("consent.section.heading")}</h2>
      <p>{t("consent.section.intro")}</p>
      {consents.isPending ? <Loading /> : null}
      {consents.isError ? <ErrorAlert error={consents.error} /> : null}
      {consents.data && consents.data.items.length === 0 ? <p>{t("consent.section.none")}</p> : null}
      {recorded ? <SuccessAlert>{t("consent.form.recorded")}</SuccessAlert> : null}
      {consents.data?.items.map((consent) => (
        <ConsentCard key={consent.id} consent={consent} familyId={family.id} />
      ))}
      {recording ? (
        <RecordConsentForm
          family={family}
          onDone={() => {
            setRecording(false);
            setRecorded(true);
          }}
          onCancel={() => setRecording(false)}
        />
      ) : (
        <Button
          type="button"
          outline
          className="families-no-print"
          onClick={() => {
            setRecorded(false);
            setRecording(true);
          }}
        >
          {t("consent.section.record")}
        </Button>
      )}
      <BlankForm ownOrganizationId={family.organizationId} />
    </section>
  );
}

function ConsentCard({ consent: c, familyId }: { consent: Consent; familyId: string }) {
  const { t } = useTranslation();
  // Set when a revocation met a newer version: the card reloads (it may now be revoked) and says why.
  const [stale, setStale] = useState(false);
  const formatDate = useDateFormat();
  const formatDateTime = useDateTimeFormat();
  const headingId = `consent-${c.id}-heading`;
  const ended = c.state === "revoked" || c.state === "expired";
  return (
    <article className={`consent-card${ended ? " consent-card--ended" : ""}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="font-heading-md">
        {t("consent.card.heading", {
          names: c.receivingOrganizations.map((o) => o.name).join(", "),
        })}
      </h3>
      <p className="margin-y-1">
        <ConsentStateTag state={c.state} />{" "}
        <span>
          {c.state === "revoked"
            ? t("consent.card.revokedOn", { date: formatDateTime(c.revokedAt) })
            : c.expiresOn
              ? t("consent.card.period", { from: formatDate(c.effectiveOn), to: formatDate(c.expiresOn) })
              : t("consent.card.from", { from: formatDate(c.effectiveOn) })}
        </span>
      </p>
      <dl className="consent-facts">
        <div>
          <dt className="text-bold">{t("consent.card.categories")}</dt>
          <dd>
            <Chips
              label={t("consent.card.categories")}
              items={c.categories.map((category) => categoryLabel(t, category))}
            />
          </dd>
        </div>
        <div>
          <dt className="text-bold">{t("consent.card.purposes")}</dt>
          <dd>
            <Chips
              label={t("consent.card.purposes")}
              items={c.purposes.map((purpose) => purposeLabel(t, purpose))}
            />
          </dd>
        </div>
        <div>
          <dt className="text-bold">{t("consent.card.givenBy")}</dt>
          <dd>{c.givenByName}</dd>
        </div>
        <div>
          <dt className="text-bold">{t("consent.card.method")}</dt>
          <dd>
            {t(`consent.methods.${c.method}`)}
            {c.method === "typed_signature" && c.typedSignature
              ? ` — ${t("consent.card.typedSignature", { name: c.typedSignature, date: formatDate(c.signedOn) })}`
              : null}
            {c.method === "verbal" && c.witnessName
              ? ` — ${t("consent.card.witness", { name: c.witnessName })}`
              : null}
          </dd>
        </div>
        <div>
          <dt className="text-bold">{t("consent.card.recorded")}</dt>
          <dd>
            {c.recordedByName
              ? t("consent.card.recordedBy", { date: formatDateTime(c.recordedAt), name: c.recordedByName })
              : formatDateTime(c.recordedAt)}
          </dd>
        </div>
        {c.notes ? (
          <div>
            <dt className="text-bold">{t("consent.card.notes")}</dt>
            <dd>{c.notes}</dd>
          </div>
        ) : null}
        {c.state === "revoked" ? (
          <div>
            <dt className="text-bold">{t("consent.card.revocation")}</dt>
            <dd>
              {c.revokedByName
                ? t("consent.card.revocationBy", { reason: c.revocationReason ?? "", name: c.revokedByName })
                : (c.revocationReason ?? "—")}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="consent-links families-no-print">
        {c.signedForm ? (
          <a className="usa-link" href={consentSignedFormUrl(c.id)}>
            {t("consent.card.signedForm", { name: c.signedForm.fileName })}
          </a>
        ) : null}
        <a className="usa-link" href={consentPdfUrl(c.id, "en")} hrefLang="en">
          {t("consent.card.pdfEn")}
        </a>
        <a className="usa-link" href={consentPdfUrl(c.id, "es")} hrefLang="es">
          {t("consent.card.pdfEs")}
        </a>
      </p>
      {stale ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim margin-y-2" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("consent.revoke.stale")}</p>
          </div>
        </div>
      ) : null}
      {/* An expired consent no longer shares anything: there is nothing left to revoke. */}
      {c.state === "valid" || c.state === "not_yet_effective" ? (
        <RevokeForm consent={c} familyId={familyId} onStale={() => setStale(true)} />
      ) : null}
    </article>
  );
}

function RevokeForm({
  consent,
  familyId,
  onStale,
}: {
  consent: Consent;
  familyId: string;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeConsent(familyId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const id = `revoke-${consent.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    revoke.mutate(
      { id: consent.id, reason: reason.trim(), version: consent.version },
      { onError: (error) => (isApiError(error) && error.status === 409 ? onStale() : undefined) },
    );
  }

  if (!open) {
    return (
      <Button type="button" secondary className="families-no-print" onClick={() => setOpen(true)}>
        {t("consent.revoke.start")}
      </Button>
    );
  }
  const stale = isApiError(revoke.error) && revoke.error.status === 409;
  return (
    <Form onSubmit={submit} className="families-no-print maxw-none" noValidate>
      {revoke.error && !stale ? <ErrorAlert error={revoke.error} /> : null}
      <FormGroup error={missing}>
        <Label htmlFor={`${id}-reason`} error={missing}>
          {t("consent.revoke.reason")}
        </Label>
        <div className="usa-hint" id={`${id}-hint`}>
          {t("consent.revoke.hint")}
        </div>
        {missing ? (
          <span className="usa-error-message" id={`${id}-error`}>
            {t("consent.revoke.reasonRequired")}
          </span>
        ) : null}
        <Textarea
          id={`${id}-reason`}
          name="reason"
          required
          maxLength={2000}
          value={reason}
          error={missing}
          aria-describedby={missing ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
        />
      </FormGroup>
      <Button type="submit" secondary disabled={revoke.isPending} className="margin-top-2">
        {t("consent.revoke.submit")}
      </Button>
      <Button type="button" unstyled className="margin-left-2" onClick={() => setOpen(false)}>
        {t("consent.cancel")}
      </Button>
    </Form>
  );
}

/** A blank consent form for the family's organization and one receiving organization, to print and sign. */
function BlankForm({ ownOrganizationId }: { ownOrganizationId: string }) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const others = organizations.data?.items.filter((o) => o.id !== ownOrganizationId) ?? [];
  const [receiver, setReceiver] = useState("");
  const chosen = receiver || others[0]?.id || "";
  if (others.length === 0) return null;
  return (
    <div className="families-no-print margin-top-3">
      <h3>{t("consent.blank.heading")}</h3>
      <p>{t("consent.blank.intro")}</p>
      <FormGroup>
        <Label htmlFor="blank-form-organization">{t("consent.blank.organization")}</Label>
        <Select
          id="blank-form-organization"
          name="blank-form-organization"
          value={chosen}
          onChange={(e) => setReceiver(e.target.value)}
        >
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      </FormGroup>
      <p className="consent-links">
        <a className="usa-link" href={blankConsentFormUrl(chosen, "en")} hrefLang="en">
          {t("consent.blank.en")}
        </a>
        <a className="usa-link" href={blankConsentFormUrl(chosen, "es")} hrefLang="es">
          {t("consent.blank.es")}
        </a>
      </p>
    </div>
  );
}
