import {
  Alert,
  Button,
  ErrorMessage,
  Form,
  FormGroup,
  Label,
  Select,
  Textarea,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { purposeLabel, useWithheldText } from "./ConsentBits.tsx";
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  DATA_CATEGORIES,
  isConsentPurpose,
  useBreakGlass,
  useSharedFamily,
  type Withheld,
} from "./consent.api.ts";
import { SharedSections } from "./SharedSections.tsx";

const DEFAULT_PURPOSE: ConsentPurpose = "service_coordination";
const MIN_BREAK_GLASS_REASON = 20;

/** One family another organization shares with the active one, for one purpose, as far as consent allows. */
export function SharedFamilyPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const [params, setParams] = useSearchParams();
  const raw = params.get("purpose");
  const purpose = isConsentPurpose(raw) ? raw : DEFAULT_PURPOSE;
  const family = useSharedFamily(id, purpose);
  const setPurpose = (next: ConsentPurpose) => setParams({ purpose: next });

  if (family.isPending) return <Loading />;
  if (family.isError) {
    const denied = isApiError(family.error, "consent.required") ? family.error : null;
    return (
      <Page title={t(denied ? "consent.family.deniedTitle" : "consent.family.notFound")}>
        <BackLink />
        <PurposePicker purpose={purpose} onChange={setPurpose} />
        {denied ? (
          <>
            <p>
              {t("consent.family.deniedIntro", { purpose: purposeLabel(t, purpose).toLocaleLowerCase() })}
            </p>
            <DeniedReasons details={denied.details} />
            <BreakGlassForm familyId={id} purpose={purpose} onOpened={setPurpose} />
          </>
        ) : (
          <ErrorAlert error={family.error} />
        )}
      </Page>
    );
  }

  const f = family.data;
  const title =
    f.sections.identity_contact?.displayName ??
    t("consent.shared.servedBy", { organization: f.ownerOrganization.name });
  return (
    <Page title={title}>
      <BackLink />
      {f.basis === "break_glass" && f.breakGlass ? (
        <Alert
          type="error"
          className="usa-alert--emergency"
          headingLevel="h2"
          heading={t("consent.breakGlass.openHeading")}
          role="alert"
        >
          {t("consent.breakGlass.openBody", { date: formatDateTime(f.breakGlass.expiresAt) })}
          <br />
          {t("consent.breakGlass.yourReason", { reason: f.breakGlass.reason })}
        </Alert>
      ) : null}
      <p>
        {f.basis === "break_glass"
          ? t("consent.family.openedInEmergency", { organization: f.ownerOrganization.name })
          : t("consent.family.sharedBy", {
              organization: f.ownerOrganization.name,
              purpose: purposeLabel(t, f.purpose).toLocaleLowerCase(),
            })}
      </p>
      <PurposePicker purpose={purpose} onChange={setPurpose} />
      <SharedSections family={f} />
    </Page>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/shared" className="usa-link">
        {t("consent.family.back")}
      </Link>
    </p>
  );
}

/** The purpose the record is read for: consent covers some purposes and not others. */
function PurposePicker({
  purpose,
  onChange,
}: {
  purpose: ConsentPurpose;
  onChange: (p: ConsentPurpose) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConsentPurpose>(purpose);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange(draft);
  }
  return (
    <Form onSubmit={submit} className="maxw-none margin-bottom-3">
      <div className="display-flex flex-row flex-wrap flex-align-end">
        <FormGroup className="margin-right-2">
          <Label htmlFor="shared-purpose">{t("consent.family.purpose")}</Label>
          <Select
            id="shared-purpose"
            name="purpose"
            value={draft}
            onChange={(e) => setDraft(e.target.value as ConsentPurpose)}
          >
            {CONSENT_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {purposeLabel(t, p)}
              </option>
            ))}
          </Select>
        </FormGroup>
        <Button type="submit" outline>
          {t("consent.family.show")}
        </Button>
      </div>
    </Form>
  );
}

function isWithheld(detail: Record<string, unknown>): detail is Withheld & Record<string, unknown> {
  return (
    typeof detail.category === "string" &&
    (DATA_CATEGORIES as readonly string[]).includes(detail.category) &&
    typeof detail.reason === "string"
  );
}

/** Why nothing of the record can be read, category by category, from the denial's details. */
function DeniedReasons({ details }: { details: Record<string, unknown>[] }) {
  const { t } = useTranslation();
  const text = useWithheldText();
  const reasons = details.filter(isWithheld).map((d) => ({
    category: d.category,
    reason: d.reason,
    since: typeof d.since === "string" ? d.since : null,
  }));
  return (
    <Alert type="info" headingLevel="h2" heading={t("consent.family.whyHeading")}>
      {reasons.length === 0 ? (
        t("consent.family.noReasons")
      ) : (
        <ul className="margin-bottom-0">
          {reasons.map((r) => (
            <li key={r.category}>{text(r)}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** Emergency access without consent: logged, time-limited, and reviewed by the family's organization. */
function BreakGlassForm({
  familyId,
  purpose,
  onOpened,
}: {
  familyId: string;
  purpose: ConsentPurpose;
  onOpened: (purpose: ConsentPurpose) => void;
}) {
  const { t } = useTranslation();
  const breakGlass = useBreakGlass(familyId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [chosen, setChosen] = useState<ConsentPurpose>(purpose);
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < MIN_BREAK_GLASS_REASON) {
      setError(t("consent.breakGlass.reasonTooShort", { count: MIN_BREAK_GLASS_REASON }));
      document.getElementById("break-glass-reason")?.focus();
      return;
    }
    setError(undefined);
    breakGlass.mutate({ reason: reason.trim(), purpose: chosen }, { onSuccess: () => onOpened(chosen) });
  }

  return (
    <section aria-labelledby="break-glass-heading" className="margin-top-4">
      <h2 id="break-glass-heading">{t("consent.breakGlass.heading")}</h2>
      <Alert type="warning" headingLevel="h3" heading={t("consent.breakGlass.warningHeading")}>
        {t("consent.breakGlass.warning")}
      </Alert>
      {!open ? (
        <Button type="button" secondary onClick={() => setOpen(true)}>
          {t("consent.breakGlass.start")}
        </Button>
      ) : (
        <Form onSubmit={submit} noValidate large>
          {breakGlass.error ? <ErrorAlert error={breakGlass.error} /> : null}
          <FormGroup error={Boolean(error)}>
            <Label htmlFor="break-glass-reason" error={Boolean(error)}>
              {t("consent.breakGlass.reason")}
            </Label>
            <div className="usa-hint" id="break-glass-reason-hint">
              {t("consent.breakGlass.reasonHint", { count: MIN_BREAK_GLASS_REASON })}
            </div>
            {error ? <ErrorMessage id="break-glass-reason-error">{error}</ErrorMessage> : null}
            <Textarea
              id="break-glass-reason"
              name="reason"
              required
              minLength={MIN_BREAK_GLASS_REASON}
              maxLength={2000}
              error={Boolean(error)}
              aria-describedby={
                error ? "break-glass-reason-hint break-glass-reason-error" : "break-glass-reason-hint"
              }
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                if (e.target.value.trim().length >= MIN_BREAK_GLASS_REASON) setError(undefined);
              }}
            />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="break-glass-purpose">{t("consent.breakGlass.purpose")}</Label>
            <Select
              id="break-glass-purpose"
              name="purpose"
              value={chosen}
              onChange={(e) => setChosen(e.target.value as ConsentPurpose)}
            >
              {CONSENT_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {purposeLabel(t, p)}
                </option>
              ))}
            </Select>
          </FormGroup>
          <Button type="submit" secondary disabled={breakGlass.isPending} className="margin-top-2">
            {t("consent.breakGlass.submit")}
          </Button>
          <Button type="button" unstyled className="margin-left-2" onClick={() => setOpen(false)}>
            {t("consent.cancel")}
          </Button>
        </Form>
      )}
    </section>
  );
}
