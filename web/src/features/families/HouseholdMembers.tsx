import { Button, Fieldset, Form, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { ScrollRegion, useDateFormat } from "./FamilyBits.tsx";
import { type FamilyDocument, type MemberFields, useMemberChange } from "./families.api.ts";

const RELATIONSHIPS = ["parent", "guardian", "child", "grandparent", "sibling", "partner", "other"] as const;

type Member = FamilyDocument["members"][number];
/** What the page is doing with one member: nothing, adding one, correcting one, or confirming a removal. */
type Mode =
  | { kind: "none" }
  | { kind: "add" }
  | { kind: "edit"; member: Member }
  | { kind: "remove"; member: Member };

/** The household's members: children under 5 tagged; add, correct (in a small form) and remove with a confirmation. */
export function HouseholdMembers({ family: f }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const change = useMemberChange(f.id);
  const [mode, setMode] = useState<Mode>({ kind: "none" });
  const [done, setDone] = useState<string | null>(null);
  const nameOf = (m: Member) => `${m.firstName} ${m.lastName}`;

  function start(next: Mode) {
    change.reset();
    setDone(null);
    setMode(next);
  }

  function save(fields: MemberFields) {
    const onSuccess = () => {
      setDone(
        mode.kind === "add"
          ? t("families.members.added", { name: `${fields.firstName} ${fields.lastName}` })
          : t("families.members.saved", { name: `${fields.firstName} ${fields.lastName}` }),
      );
      setMode({ kind: "none" });
    };
    if (mode.kind === "edit") {
      // Only what was corrected is sent, so the audit names the fields that changed.
      const was = mode.member;
      const changed = Object.fromEntries(
        Object.entries(fields).filter(([key, value]) => was[key as keyof MemberFields] !== value),
      ) as Partial<MemberFields>;
      change.mutate({ kind: "update", version: f.version, memberId: was.id, fields: changed }, { onSuccess });
    } else {
      change.mutate({ kind: "add", version: f.version, fields }, { onSuccess });
    }
  }

  function remove(member: Member) {
    change.mutate(
      { kind: "remove", version: f.version, memberId: member.id },
      {
        onSuccess: () => {
          setDone(t("families.members.removed", { name: nameOf(member) }));
          setMode({ kind: "none" });
        },
      },
    );
  }

  return (
    <>
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      {change.error ? <ErrorAlert error={change.error} /> : null}
      <ScrollRegion label={t("families.family.members")}>
        <table className="usa-table usa-table--borderless">
          <caption>{t("families.family.members")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("families.family.name")}</th>
              <th scope="col">{t("families.family.relationship")}</th>
              <th scope="col">{t("families.family.dateOfBirth")}</th>
              <th scope="col">{t("families.family.phone")}</th>
              <th scope="col" className="families-no-print">
                {t("families.members.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {nameOf(m)}
                  {m.underFive ? (
                    <span className="usa-tag bg-accent-cool-darker margin-left-1">
                      {t("families.family.underFive")}
                    </span>
                  ) : null}
                </th>
                <td>{t(`families.relationship.${m.relationship}`)}</td>
                <td>
                  {formatDate(m.dateOfBirth)}
                  {m.age !== null ? ` (${t("families.family.age", { count: m.age })})` : ""}
                </td>
                <td>{m.phone ?? "—"}</td>
                <td className="families-no-print">
                  <Button
                    type="button"
                    unstyled
                    className="margin-right-2"
                    onClick={() => start({ kind: "edit", member: m })}
                  >
                    {t("families.members.edit", { name: nameOf(m) })}
                  </Button>
                  {f.members.length > 1 ? (
                    <Button type="button" unstyled onClick={() => start({ kind: "remove", member: m })}>
                      {t("families.members.remove", { name: nameOf(m) })}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {mode.kind === "remove" ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim families-no-print">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {t("families.members.confirmRemove", { name: nameOf(mode.member) })}
            </p>
            <div className="families-actions margin-top-1">
              <Button
                type="button"
                secondary
                className="margin-right-0"
                disabled={change.isPending}
                onClick={() => remove(mode.member)}
              >
                {t("families.members.confirmRemoveButton")}
              </Button>
              <Button
                type="button"
                outline
                className="margin-right-0"
                onClick={() => start({ kind: "none" })}
              >
                {t("families.cancel")}
              </Button>
            </div>
          </div>
        </div>
      ) : null}
      {mode.kind === "add" || mode.kind === "edit" ? (
        <MemberForm
          key={mode.kind === "edit" ? mode.member.id : "new"}
          member={mode.kind === "edit" ? mode.member : null}
          pending={change.isPending}
          onSave={save}
          onCancel={() => start({ kind: "none" })}
        />
      ) : (
        <Button type="button" outline className="families-no-print" onClick={() => start({ kind: "add" })}>
          {t("families.members.add")}
        </Button>
      )}
    </>
  );
}

function MemberForm({
  member,
  pending,
  onSave,
  onCancel,
}: {
  member: Member | null;
  pending: boolean;
  onSave: (fields: MemberFields) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [firstName, setFirstName] = useState(member?.firstName ?? "");
  const [lastName, setLastName] = useState(member?.lastName ?? "");
  const [dateOfBirth, setDateOfBirth] = useState(member?.dateOfBirth ?? "");
  const [relationship, setRelationship] = useState(member?.relationship ?? "child");
  const [phone, setPhone] = useState(member?.phone ?? "");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSave({
      firstName: firstName.trim(),
      lastName: lastName.trim(),
      dateOfBirth: dateOfBirth === "" ? null : dateOfBirth,
      relationship,
      phone: phone.trim() === "" ? null : phone.trim(),
    });
  }

  const legend = member
    ? t("families.members.editLegend", { name: `${member.firstName} ${member.lastName}` })
    : t("families.members.addLegend");
  return (
    <Form onSubmit={submit} large className="families-no-print">
      <Fieldset legend={legend} className="families-members">
        <Label htmlFor="member-first" requiredMarker>
          {t("families.intake.firstName")}
        </Label>
        <TextInput
          id="member-first"
          name="member-first"
          type="text"
          required
          maxLength={100}
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
        />
        <Label htmlFor="member-last" requiredMarker>
          {t("families.intake.lastName")}
        </Label>
        <TextInput
          id="member-last"
          name="member-last"
          type="text"
          required
          maxLength={100}
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
        />
        <Label htmlFor="member-dob">{t("families.intake.dateOfBirth")}</Label>
        <input
          id="member-dob"
          name="member-dob"
          type="date"
          className="usa-input"
          value={dateOfBirth}
          onChange={(e) => setDateOfBirth(e.target.value)}
        />
        <Label htmlFor="member-relationship">{t("families.intake.relationship")}</Label>
        <Select
          id="member-relationship"
          name="member-relationship"
          value={relationship}
          onChange={(e) => setRelationship(e.target.value)}
        >
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {t(`families.relationship.${r}`)}
            </option>
          ))}
        </Select>
        <Label htmlFor="member-phone">{t("families.family.phone")}</Label>
        <TextInput
          id="member-phone"
          name="member-phone"
          type="tel"
          maxLength={40}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <div className="families-actions margin-top-2">
          <Button type="submit" className="margin-right-0" disabled={pending}>
            {member ? t("families.members.save") : t("families.members.addSubmit")}
          </Button>
          <Button type="button" outline className="margin-right-0" onClick={onCancel}>
            {t("families.cancel")}
          </Button>
        </div>
      </Fieldset>
    </Form>
  );
}
