import { Button, Checkbox, Fieldset, Form, Radio } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { looksLikeEmail } from "../../ui/validation.ts";
import { useService } from "../directory/directory.api.ts";
import { useEmailReferral } from "./outreach.api.ts";
import type { Referral } from "./referrals.api.ts";

/**
 * For a provider that is not on Trellis: e-mail it the referral (what was shared), once the case manager
 * confirms the family agreed to share it with this provider. The directory's address is offered first.
 */
export function EmailReferralForm({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const service = useService(referral.service.id);
  const send = useEmailReferral(referral.id);
  const [to, setTo] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [locale, setLocale] = useState<"en" | "es">(
    referral.shared.preferredLanguage?.startsWith("es") ? "es" : "en",
  );
  const [error, setError] = useState<string | undefined>();
  const address = to ?? service.data?.summary.email ?? "";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!looksLikeEmail(address)) {
      setError(t("validation.email"));
      document.getElementById("email-referral-to")?.focus();
      return;
    }
    setError(undefined);
    send.mutate({ to: address.trim(), familyAgreed: agreed, locale });
  }

  return (
    <section aria-labelledby="email-referral-heading" className="referrals-no-print margin-top-4">
      <h2 id="email-referral-heading">{t("referralOutreach.email.heading")}</h2>
      {referral.emailedTo && referral.emailedAt ? (
        <p>
          {t("referralOutreach.email.already", {
            to: referral.emailedTo,
            date: new Date(referral.emailedAt).toLocaleString(),
          })}
        </p>
      ) : null}
      {send.isSuccess ? (
        <SuccessAlert>{t("referralOutreach.email.sent", { to: send.data.emailedTo })}</SuccessAlert>
      ) : null}
      {send.isError ? <ErrorAlert error={send.error} /> : null}
      <Form onSubmit={submit} noValidate>
        <TextField
          id="email-referral-to"
          label={t("referralOutreach.email.to")}
          hint={t("referralOutreach.email.toHint")}
          type="email"
          value={address}
          onChange={setTo}
          error={error}
          maxLength={254}
        />
        <Fieldset legend={t("referralOutreach.email.language")}>
          <Radio
            id="email-referral-en"
            name="email-referral-locale"
            label={t("referralOutreach.email.english")}
            checked={locale === "en"}
            onChange={() => setLocale("en")}
          />
          <Radio
            id="email-referral-es"
            name="email-referral-locale"
            label={t("referralOutreach.email.spanish")}
            checked={locale === "es"}
            onChange={() => setLocale("es")}
          />
        </Fieldset>
        <Checkbox
          id="email-referral-agreed"
          name="familyAgreed"
          className="margin-top-2"
          label={t("referralOutreach.email.agreed")}
          checked={agreed}
          onChange={(e) => setAgreed(e.target.checked)}
        />
        <Button type="submit" className="margin-top-2" disabled={!agreed || send.isPending}>
          {t("referralOutreach.email.send")}
        </Button>
      </Form>
    </section>
  );
}
