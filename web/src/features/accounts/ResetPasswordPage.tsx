import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form } from "@trussworks/react-uswds";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { focusFirstError, hasErrors } from "../../ui/validation.ts";
import { checkNewPassword, type NewPasswordErrors, NewPasswordFields } from "./NewPasswordFields.tsx";

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const confirm = useMutation({
    mutationFn: (newPassword: string) =>
      api.post<void>("/api/password-resets/confirm", { token, newPassword }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkNewPassword(t, password, confirmation);
    setErrors(found);
    if (hasErrors(found)) return focusFirstError(found);
    confirm.mutate(password);
  }

  const requestAgain = (
    <Link to="/forgot-password" className="usa-link">
      {t("resetPassword.requestNewLink")}
    </Link>
  );

  let content: ReactNode;
  if (!token) {
    content = (
      <Alert type="error" headingLevel="h2" slim>
        {t("resetPassword.missingToken")} {requestAgain}
      </Alert>
    );
  } else if (confirm.isSuccess) {
    content = (
      <SuccessAlert heading={t("resetPassword.doneHeading")}>
        {t("resetPassword.done")}{" "}
        <Link to="/sign-in" className="usa-link">
          {t("resetPassword.signIn")}
        </Link>
      </SuccessAlert>
    );
  } else {
    content = (
      <>
        {confirm.isError ? <ErrorAlert error={confirm.error} /> : null}
        {isApiError(confirm.error, "auth.reset_token_invalid") ? <p>{requestAgain}</p> : null}
        <Form onSubmit={submit} noValidate large>
          <NewPasswordFields
            password={password}
            confirmation={confirmation}
            onPassword={setPassword}
            onConfirmation={setConfirmation}
            errors={errors}
          />
          <Button type="submit" disabled={confirm.isPending}>
            {t("resetPassword.submit")}
          </Button>
        </Form>
      </>
    );
  }

  return (
    <Page
      title={t("resetPassword.title")}
      intro={token && !confirm.isSuccess ? t("resetPassword.intro") : undefined}
    >
      {content}
    </Page>
  );
}
