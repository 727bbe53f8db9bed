import { Button, Form, Table } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import type { ApiToken } from "../../app/types.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { EmptyState, Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "./admin.api.ts";
import { CopyField } from "./CopyField.tsx";

function TokenRow({ token, organizationId }: { token: ApiToken; organizationId: string }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const revoke = useRevokeApiToken(organizationId);
  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>{formatDate(token.createdAt)}</td>
      <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t("admin.apiTokens.neverUsed")}</td>
      <td>
        {token.revokedAt ? (
          t("admin.apiTokens.revokedOn", { date: formatDate(token.revokedAt) })
        ) : (
          <>
            <Button
              type="button"
              secondary
              className="margin-0"
              disabled={revoke.isPending}
              aria-label={t("admin.apiTokens.revokeNamed", { name: token.name })}
              onClick={() => {
                if (window.confirm(t("admin.apiTokens.confirmRevoke", { name: token.name })))
                  revoke.mutate(token.id);
              }}
            >
              {t("admin.apiTokens.revoke")}
            </Button>
            {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
          </>
        )}
      </td>
    </tr>
  );
}

export function ApiTokensPanel() {
  const { t } = useTranslation();
  const organizationId = useOutletContext<string>();
  const tokens = useApiTokens(organizationId);
  const create = useCreateApiToken(organizationId);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t("validation.required"));
      document.getElementById("token-name")?.focus();
      return;
    }
    setNameError(undefined);
    create.mutate(name.trim(), { onSuccess: () => setName("") });
  }

  return (
    <>
      <h2>{t("admin.apiTokens.title")}</h2>
      <p>{t("admin.apiTokens.intro")}</p>
      {create.isSuccess ? (
        <>
          <SuccessAlert heading={t("admin.apiTokens.created", { name: create.data.name })}>
            {t("admin.apiTokens.shownOnce")}
          </SuccessAlert>
          <CopyField id="new-token" label={t("admin.apiTokens.secret")} value={create.data.token} />
        </>
      ) : null}
      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} /> : null}
      {tokens.data && tokens.data.items.length === 0 ? (
        <EmptyState>{t("admin.apiTokens.empty")}</EmptyState>
      ) : null}
      {tokens.data && tokens.data.items.length > 0 ? (
        <Table fullWidth scrollable caption={t("admin.apiTokens.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("admin.apiTokens.name")}</th>
              <th scope="col">{t("admin.apiTokens.createdAt")}</th>
              <th scope="col">{t("admin.apiTokens.lastUsedAt")}</th>
              <th scope="col">{t("admin.apiTokens.status")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((token) => (
              <TokenRow key={token.id} token={token} organizationId={organizationId} />
            ))}
          </tbody>
        </Table>
      ) : null}
      <section aria-labelledby="create-token-heading" className="margin-top-5">
        <h3 id="create-token-heading">{t("admin.apiTokens.createHeading")}</h3>
        {create.isError ? <ErrorAlert error={create.error} /> : null}
        <Form onSubmit={submit} noValidate>
          <TextField
            id="token-name"
            label={t("admin.apiTokens.name")}
            hint={t("admin.apiTokens.nameHint")}
            value={name}
            onChange={setName}
            error={nameError}
            maxLength={100}
          />
          <Button type="submit" disabled={create.isPending}>
            {t("admin.apiTokens.createSubmit")}
          </Button>
        </Form>
      </section>
    </>
  );
}
