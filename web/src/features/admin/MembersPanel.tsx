import { Button, Form, FormGroup, Label, Select, Table } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import type { Role } from "../../app/types.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { looksLikeEmail } from "../../ui/validation.ts";
import { useInvite, useMembers } from "./admin.api.ts";
import { CopyField } from "./CopyField.tsx";

const ROLES: readonly Role[] = ["viewer", "staff", "manager", "admin"];

function InviteForm({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const invite = useInvite(organizationId);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("staff");
  const [emailError, setEmailError] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!looksLikeEmail(email)) {
      setEmailError(t("validation.email"));
      document.getElementById("invite-email")?.focus();
      return;
    }
    setEmailError(undefined);
    invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail("") });
  }

  return (
    <section aria-labelledby="invite-heading" className="margin-top-5">
      <h3 id="invite-heading">{t("admin.members.inviteHeading")}</h3>
      <p>{t("admin.members.inviteIntro")}</p>
      {invite.isError ? <ErrorAlert error={invite.error} /> : null}
      {invite.isSuccess ? (
        <SuccessAlert heading={t("admin.members.invited", { email: invite.data.email })}>
          {t("admin.members.invitationLinkIntro")}
        </SuccessAlert>
      ) : null}
      {invite.isSuccess ? (
        <CopyField id="invitation-link" label={t("admin.members.invitationLink")} value={invite.data.link} />
      ) : null}
      <Form onSubmit={submit} noValidate>
        <TextField
          id="invite-email"
          label={t("fields.email")}
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={emailError}
          maxLength={254}
        />
        <FormGroup>
          <Label htmlFor="invite-role">{t("fields.role")}</Label>
          <Select
            id="invite-role"
            name="invite-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </Select>
        </FormGroup>
        <Button type="submit" disabled={invite.isPending}>
          {t("admin.members.inviteSubmit")}
        </Button>
      </Form>
    </section>
  );
}

export function MembersPanel() {
  const { t } = useTranslation();
  const organizationId = useOutletContext<string>();
  const members = useMembers(organizationId);

  return (
    <>
      <h2>{t("admin.members.title")}</h2>
      {members.isPending ? <Loading /> : null}
      {members.isError ? <ErrorAlert error={members.error} /> : null}
      {members.data ? (
        <Table fullWidth scrollable caption={t("admin.members.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.email")}</th>
              <th scope="col">{t("fields.role")}</th>
              <th scope="col">{t("fields.capabilities")}</th>
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((member) => (
              <tr key={member.userId}>
                <th scope="row">
                  {member.name}
                  {member.title ? (
                    <span className="display-block text-normal text-base-dark">{member.title}</span>
                  ) : null}
                </th>
                <td>{member.email}</td>
                <td>{t(`roles.${member.role}`)}</td>
                <td>
                  {member.capabilities.length === 0
                    ? "—"
                    : member.capabilities.map((c) => t(`capabilities.${c}`)).join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <InviteForm organizationId={organizationId} />
    </>
  );
}
