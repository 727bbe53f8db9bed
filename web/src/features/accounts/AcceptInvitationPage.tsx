import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Form, SummaryBox, SummaryBoxContent, SummaryBoxHeading } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { storeMe } from "../../app/session.ts";
import type { InvitationPreview, Me } from "../../app/types.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { focusFirstError, hasErrors } from "../../ui/validation.ts";
import { checkNewPassword, NewPasswordFields } from "./NewPasswordFields.tsx";

type Errors = {
  name?: string | undefined;
  newPassword?: string | undefined;
  confirmPassword?: string | undefined;
};

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`),
  });
  const accept = useMutation({
    mutationFn: (body: { name: string; password: string }) =>
      api.post<Me>(`/api/invitations/${encodeURIComponent(token)}/accept`, body),
    onSuccess: (me) => {
      client.removeQueries();
      storeMe(client, me);
      navigate("/", { replace: true });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {
      name: name.trim() ? undefined : t("validation.required"),
      ...checkNewPassword(t, password, confirmation),
    };
    setErrors(found);
    if (hasErrors(found)) return focusFirstError(found);
    accept.mutate({ name: name.trim(), password });
  }

  if (invitation.isPending) {
    return (
      <Page title={t("invitation.title")}>
        <Loading />
      </Page>
    );
  }
  if (invitation.isError) {
    return (
      <Page title={t("invitation.title")}>
        <ErrorAlert error={invitation.error} />
        <p>
          <Link to="/sign-in" className="usa-link">
            {t("invitation.goToSignIn")}
          </Link>
        </p>
      </Page>
    );
  }

  const preview = invitation.data;
  return (
    <Page title={t("invitation.title")}>
      <SummaryBox className="margin-bottom-3">
        <SummaryBoxHeading headingLevel="h2">{preview.organizationName}</SummaryBoxHeading>
        <SummaryBoxContent>
          <p className="margin-0">
            {t("invitation.summary", { email: preview.email, role: t(`roles.${preview.role}`) })}
          </p>
        </SummaryBoxContent>
      </SummaryBox>
      {accept.isError ? <ErrorAlert error={accept.error} /> : null}
      {isApiError(accept.error, "invitation.email_taken") ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}`} className="usa-link">
            {t("invitation.goToSignIn")}
          </Link>
        </p>
      ) : null}
      <Form onSubmit={submit} noValidate large>
        <TextField
          id="name"
          label={t("fields.name")}
          autoComplete="name"
          value={name}
          onChange={setName}
          error={errors.name}
          maxLength={200}
        />
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          errors={errors}
        />
        <Button type="submit" disabled={accept.isPending}>
          {t("invitation.submit")}
        </Button>
      </Form>
    </Page>
  );
}
