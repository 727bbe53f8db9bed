import { useMutation } from "@tanstack/react-query";
import { Button, Form } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { looksLikeEmail } from "../../ui/validation.ts";

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const request = useMutation({
    mutationFn: (address: string) => api.post<void>("/api/password-resets", { email: address }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!looksLikeEmail(email)) {
      setError(t("validation.email"));
      document.getElementById("email")?.focus();
      return;
    }
    setError(undefined);
    request.mutate(email.trim());
  }

  return (
    <Page title={t("forgotPassword.title")} intro={t("forgotPassword.intro")}>
      {request.isSuccess ? (
        // The answer is the same whether or not the account exists, so nobody can probe for accounts.
        <SuccessAlert heading={t("forgotPassword.sentHeading")}>{t("forgotPassword.sent")}</SuccessAlert>
      ) : (
        <>
          {request.isError ? <ErrorAlert error={request.error} /> : null}
          <Form onSubmit={submit} noValidate large>
            <TextField
              id="email"
              label={t("fields.email")}
              type="email"
              autoComplete="email"
              value={email}
              onChange={setEmail}
              error={error}
              maxLength={254}
            />
            <Button type="submit" disabled={request.isPending}>
              {t("forgotPassword.submit")}
            </Button>
          </Form>
        </>
      )}
      <p>
        <Link to="/sign-in" className="usa-link">
          {t("forgotPassword.backToSignIn")}
        </Link>
      </p>
    </Page>
  );
}
