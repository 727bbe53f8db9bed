import { Button, FormGroup, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { useAddTeamMember, useRemoveTeamMember, useTeam } from "./sip.api.ts";
import { CORE_REPRESENTATIVE_KINDS, TEAM_CATEGORIES, type TeamCategory } from "./sip.types.ts";
import { TableWrap } from "./TableWrap.tsx";

/** The SIP team with the guide's categories: core members (with the kind of representative), must and may consult. */
export function TeamPanel({ planId, canEdit }: { planId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const team = useTeam(planId);
  const remove = useRemoveTeamMember(planId);
  const members = team.data?.items ?? [];
  return (
    <section aria-labelledby="sip-team-heading" className="sip-panel">
      <h2 id="sip-team-heading">{t("sip.team.title")}</h2>
      <p>{t("sip.team.intro")}</p>
      {team.isPending ? <Loading /> : null}
      {team.isError ? <ErrorAlert error={team.error} /> : null}
      {team.data && members.length === 0 ? <p>{t("sip.team.empty")}</p> : null}
      {members.length > 0 ? (
        <TableWrap label={t("sip.team.caption")}>
          <table className="usa-table usa-table--borderless usa-table--stacked sip-table">
            <caption className="usa-sr-only">{t("sip.team.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sip.team.name")}</th>
                <th scope="col">{t("sip.team.affiliation")}</th>
                <th scope="col">{t("sip.team.category")}</th>
                <th scope="col">{t("sip.team.representative")}</th>
                <th scope="col">{t("sip.team.consulted")}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="usa-sr-only">{t("sip.common.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <th scope="row" data-label={t("sip.team.name")}>
                    {member.name}
                  </th>
                  <td data-label={t("sip.team.affiliation")}>{member.affiliation}</td>
                  <td data-label={t("sip.team.category")}>{t(`sip.team.categories.${member.category}`)}</td>
                  <td data-label={t("sip.team.representative")}>
                    {member.representative
                      ? t(`sip.team.representatives.${member.representative}`, {
                          defaultValue: member.representative,
                        })
                      : "—"}
                  </td>
                  <td data-label={t("sip.team.consulted")}>{member.consulted || "—"}</td>
                  {canEdit ? (
                    <td data-label={t("sip.common.actions")}>
                      <Button
                        type="button"
                        unstyled
                        className="sip-link-button"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(member.id)}
                      >
                        {t("sip.team.remove")}
                        <span className="usa-sr-only">: {member.name}</span>
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      {canEdit ? <AddTeamMember planId={planId} /> : null}
    </section>
  );
}

function AddTeamMember({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const add = useAddTeamMember(planId);
  const id = useId();
  const [name, setName] = useState("");
  const [affiliation, setAffiliation] = useState("");
  const [category, setCategory] = useState<TeamCategory>("core");
  const [representative, setRepresentative] = useState("");
  const [consulted, setConsulted] = useState("");
  const [missing, setMissing] = useState<string[]>([]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = [...(name.trim() ? [] : ["name"]), ...(affiliation.trim() ? [] : ["affiliation"])];
    setMissing(empty);
    if (empty.length > 0) {
      document.getElementById(`${id}-${empty[0]}`)?.focus();
      return;
    }
    add.mutate(
      {
        name: name.trim(),
        affiliation: affiliation.trim(),
        category,
        representative: category === "core" && representative ? representative : null,
        consulted: consulted.trim() || null,
      },
      {
        onSuccess: () => {
          setName("");
          setAffiliation("");
          setRepresentative("");
          setConsulted("");
        },
      },
    );
  }

  const error = (field: string) =>
    missing.includes(field) ? (
      <span className="usa-error-message" id={`${id}-${field}-error`}>
        {t("sip.common.required")}
      </span>
    ) : null;
  const described = (field: string) => (missing.includes(field) ? `${id}-${field}-error` : undefined);

  return (
    <form className="usa-form sip-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("sip.team.addTitle")}</h3>
      <FormGroup error={missing.includes("name")}>
        <Label htmlFor={`${id}-name`}>{t("sip.team.name")}</Label>
        {error("name")}
        <TextInput
          id={`${id}-name`}
          name="name"
          type="text"
          maxLength={200}
          value={name}
          aria-describedby={described("name")}
          onChange={(event) => setName(event.target.value)}
        />
      </FormGroup>
      <FormGroup error={missing.includes("affiliation")}>
        <Label htmlFor={`${id}-affiliation`}>{t("sip.team.affiliation")}</Label>
        {error("affiliation")}
        <TextInput
          id={`${id}-affiliation`}
          name="affiliation"
          type="text"
          maxLength={300}
          value={affiliation}
          aria-describedby={described("affiliation")}
          onChange={(event) => setAffiliation(event.target.value)}
        />
      </FormGroup>
      <FormGroup>
        <Label htmlFor={`${id}-category`}>{t("sip.team.category")}</Label>
        <Select
          id={`${id}-category`}
          name="category"
          value={category}
          onChange={(event) => setCategory(event.target.value as TeamCategory)}
        >
          {TEAM_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`sip.team.categories.${c}`)}
            </option>
          ))}
        </Select>
      </FormGroup>
      {category === "core" ? (
        <FormGroup>
          <Label htmlFor={`${id}-representative`}>{t("sip.team.representative")}</Label>
          <Select
            id={`${id}-representative`}
            name="representative"
            value={representative}
            onChange={(event) => setRepresentative(event.target.value)}
          >
            <option value="">{t("sip.team.noRepresentative")}</option>
            {CORE_REPRESENTATIVE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`sip.team.representatives.${kind}`)}
              </option>
            ))}
          </Select>
        </FormGroup>
      ) : null}
      <FormGroup>
        <Label htmlFor={`${id}-consulted`}>{t("sip.team.consultedLabel")}</Label>
        <span className="usa-hint" id={`${id}-consulted-hint`}>
          {t("sip.team.consultedHint")}
        </span>
        <TextInput
          id={`${id}-consulted`}
          name="consulted"
          type="text"
          maxLength={500}
          value={consulted}
          aria-describedby={`${id}-consulted-hint`}
          onChange={(event) => setConsulted(event.target.value)}
        />
      </FormGroup>
      <Button type="submit" disabled={add.isPending}>
        {t("sip.team.add")}
      </Button>
      {add.isError ? <ErrorAlert error={add.error} /> : null}
    </form>
  );
}
