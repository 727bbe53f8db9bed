import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Table } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../app/api.ts";
import { useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { focusFirstError, hasErrors } from "../../ui/validation.ts";
import { checkNewPassword, NewPasswordFields } from "./NewPasswordFields.tsx";

type Errors = {
  currentPassword?: string | undefined;
  newPassword?: string | undefined;
  confirmPassword?: string | undefined;
};

function isWrongCurrentPassword(error: unknown): boolean {
  return isApiError(error, "auth.invalid_credentials") || isApiError(error, "auth.current_password_wrong");
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>("/api/me/password", body),
    onSuccess: () => {
      setCurrent("");
      setPassword("");
      setConfirmation("");
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {
      currentPassword: current ? undefined : t("validation.required"),
      ...checkNewPassword(t, password, confirmation),
    };
    setErrors(found);
    if (hasErrors(found)) return focusFirstError(found);
    change.mutate({ currentPassword: current, newPassword: password });
  }

  return (
    <section aria-labelledby="change-password-heading" className="margin-top-5">
      <h2 id="change-password-heading">{t("account.changePassword")}</h2>
      <p>{t("account.changePasswordIntro")}</p>
      {change.isSuccess ? <SuccessAlert>{t("account.passwordChanged")}</SuccessAlert> : null}
      {change.isError && isWrongCurrentPassword(change.error) ? (
        <Alert type="error" headingLevel="h3" slim role="alert">
          {t("account.currentPasswordWrong")}
        </Alert>
      ) : null}
      {change.isError && !isWrongCurrentPassword(change.error) ? <ErrorAlert error={change.error} /> : null}
      <Form onSubmit={submit} noValidate large>
        <TextField
          id="currentPassword"
          label={t("fields.currentPassword")}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.currentPassword}
          maxLength={200}
        />
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          errors={errors}
        />
        <Button type="submit" disabled={change.isPending}>
          {t("account.changePasswordSubmit")}
        </Button>
      </Form>
    </section>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <Page title={t("account.title")}>
      <dl className="account-summary">
        <dt>{t("fields.name")}</dt>
        <dd>{me.user.name}</dd>
        <dt>{t("fields.email")}</dt>
        <dd>{me.user.email}</dd>
      </dl>
      <section aria-labelledby="memberships-heading" className="margin-top-4">
        <h2 id="memberships-heading">{t("account.memberships")}</h2>
        {me.memberships.length === 0 ? (
          <p>{t("account.noMemberships")}</p>
        ) : (
          <Table fullWidth scrollable>
            <thead>
              <tr>
                <th scope="col">{t("fields.organization")}</th>
                <th scope="col">{t("fields.organizationType")}</th>
                <th scope="col">{t("fields.role")}</th>
              </tr>
            </thead>
            <tbody>
              {me.memberships.map((membership) => (
                <tr key={membership.organizationId}>
                  <th scope="row">{membership.organizationName}</th>
                  <td>
                    {t(`organizationTypes.${membership.organizationType}`, {
                      defaultValue: membership.organizationType,
                    })}
                  </td>
                  <td>{t(`roles.${membership.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <ChangePasswordForm />
    </Page>
  );
}
