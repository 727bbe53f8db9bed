import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Form } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api } from "../../app/api.ts";
import { safeReturnPath, storeMe, useMe } from "../../app/session.ts";
import type { Me } from "../../app/types.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { focusFirstError, hasErrors, looksLikeEmail } from "../../ui/validation.ts";

type Errors = {
  email?: string | undefined;
  password?: string | undefined;
};

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  // Someone who is still signed in goes straight on (signing in again would also need their CSRF token).
  const session = useMe();

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<Me>("/api/session", body),
    onSuccess: (me) => {
      // Nothing cached from an earlier session may leak into this one.
      client.removeQueries();
      storeMe(client, me);
      navigate(safeReturnPath(params.get("next")), { replace: true });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {
      email: looksLikeEmail(email) ? undefined : t("validation.email"),
      password: password ? undefined : t("validation.required"),
    };
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(found);
      return;
    }
    signIn.mutate({ email: email.trim(), password });
  }

  if (session.data && !signIn.isPending) return <Navigate to={safeReturnPath(params.get("next"))} replace />;

  return (
    <Page title={t("signIn.title")} intro={t("signIn.intro")}>
      {signIn.isError ? <ErrorAlert error={signIn.error} /> : null}
      <Form onSubmit={submit} noValidate large>
        <TextField
          id="email"
          label={t("fields.email")}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={errors.email}
          maxLength={254}
        />
        <TextField
          id="password"
          label={t("fields.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          maxLength={200}
        />
        <Button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? t("signIn.submitting") : t("signIn.submit")}
        </Button>
        <p>
          <Link to="/forgot-password" className="usa-link">
            {t("signIn.forgotPassword")}
          </Link>
        </p>
      </Form>
    </Page>
  );
}
