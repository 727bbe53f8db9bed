import "./families.css";
import {
  Alert,
  Button,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { isApiError } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { useCreateFamily } from "./families.api.ts";

const RELATIONSHIPS = ["parent", "guardian", "child", "grandparent", "sibling", "partner", "other"] as const;

interface MemberDraft {
  /** Keeps each member's inputs together in React when one is removed. */
  uid: number;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  relationship: string;
}

let memberCounter = 0;
const emptyMember = (relationship = "parent"): MemberDraft => ({
  uid: ++memberCounter,
  firstName: "",
  lastName: "",
  dateOfBirth: "",
  relationship,
});

interface DuplicateDetail {
  field?: string;
  familyId?: string;
  familyName?: string;
  memberName?: string;
  dateOfBirth?: string;
}

/** Intake: the household and its members; a possible duplicate is shown before anything is created. */
export function IntakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateFamily();
  const [family, setFamily] = useState({
    displayName: "",
    preferredLanguage: "en",
    phone: "",
    address: "",
    referralSource: "",
    referralDate: "",
  });
  const [members, setMembers] = useState<MemberDraft[]>([emptyMember(), emptyMember("child")]);
  const duplicates =
    create.error && isApiError(create.error, "family.possible_duplicate")
      ? (create.error.details as DuplicateDetail[])
      : [];

  function setMember(index: number, change: Partial<MemberDraft>) {
    setMembers(members.map((m, i) => (i === index ? { ...m, ...change } : m)));
  }

  function save(confirmNotDuplicate: boolean) {
    const optional = (v: string) => (v.trim() === "" ? undefined : v.trim());
    create.mutate(
      {
        displayName: family.displayName.trim(),
        preferredLanguage: family.preferredLanguage,
        phone: optional(family.phone),
        address: optional(family.address),
        referralSource: optional(family.referralSource),
        referralDate: optional(family.referralDate),
        members: members
          .filter((m) => m.firstName.trim() || m.lastName.trim())
          .map((m) => ({
            firstName: m.firstName.trim(),
            lastName: m.lastName.trim(),
            dateOfBirth: optional(m.dateOfBirth) ?? null,
            relationship: m.relationship,
          })),
        ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      },
      { onSuccess: (created) => navigate(`/families/${created.id}`) },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save(false);
  }

  return (
    <Page title={t("families.intake.title")} intro={t("families.intake.intro")}>
      {duplicates.length > 0 ? (
        <Alert type="warning" headingLevel="h2" heading={t("families.intake.duplicateHeading")} role="alert">
          <p>{t("families.intake.duplicateBody")}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={`${d.field}-${d.familyId}`}>
                <Link to={`/families/${d.familyId}`} className="usa-link">
                  {d.familyName}
                </Link>
                {": "}
                {t("families.intake.duplicateMember", { name: d.memberName, date: d.dateOfBirth })}
              </li>
            ))}
          </ul>
          <Button type="button" secondary onClick={() => save(true)}>
            {t("families.intake.createAnyway")}
          </Button>
        </Alert>
      ) : null}
      {create.error && duplicates.length === 0 ? <ErrorAlert error={create.error} /> : null}
      <Form onSubmit={submit} large>
        <FormGroup>
          <Label htmlFor="intake-name">{t("families.intake.displayName")}</Label>
          <span className="usa-hint" id="intake-name-hint">
            {t("families.intake.displayNameHint")}
          </span>
          <TextInput
            id="intake-name"
            name="displayName"
            type="text"
            required
            maxLength={200}
            aria-describedby="intake-name-hint"
            value={family.displayName}
            onChange={(e) => setFamily({ ...family, displayName: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="intake-language">{t("families.intake.language")}</Label>
          <Select
            id="intake-language"
            name="preferredLanguage"
            value={family.preferredLanguage}
            onChange={(e) => setFamily({ ...family, preferredLanguage: e.target.value })}
          >
            {["en", "es", "vi", "zh", "tl", "other"].map((code) => (
              <option key={code} value={code === "other" ? "und" : code}>
                {t(`families.language.${code}`)}
              </option>
            ))}
          </Select>
        </FormGroup>
        <FormGroup>
          <Label htmlFor="intake-phone">{t("families.intake.phone")}</Label>
          <TextInput
            id="intake-phone"
            name="phone"
            type="tel"
            value={family.phone}
            onChange={(e) => setFamily({ ...family, phone: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="intake-address">{t("families.intake.address")}</Label>
          <Textarea
            id="intake-address"
            name="address"
            value={family.address}
            onChange={(e) => setFamily({ ...family, address: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="intake-source">{t("families.intake.referralSource")}</Label>
          <TextInput
            id="intake-source"
            name="referralSource"
            type="text"
            value={family.referralSource}
            onChange={(e) => setFamily({ ...family, referralSource: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="intake-referral-date">{t("families.intake.referralDate")}</Label>
          <input
            id="intake-referral-date"
            name="referralDate"
            type="date"
            className="usa-input"
            value={family.referralDate}
            onChange={(e) => setFamily({ ...family, referralDate: e.target.value })}
          />
        </FormGroup>
        {members.map((m, i) => (
          <Fieldset
            key={m.uid}
            legend={t("families.intake.memberLegend", { number: i + 1 })}
            className="families-members"
          >
            <Label htmlFor={`member-${i}-first`}>{t("families.intake.firstName")}</Label>
            <TextInput
              id={`member-${i}-first`}
              name={`member-${i}-first`}
              type="text"
              value={m.firstName}
              onChange={(e) => setMember(i, { firstName: e.target.value })}
            />
            <Label htmlFor={`member-${i}-last`}>{t("families.intake.lastName")}</Label>
            <TextInput
              id={`member-${i}-last`}
              name={`member-${i}-last`}
              type="text"
              value={m.lastName}
              onChange={(e) => setMember(i, { lastName: e.target.value })}
            />
            <Label htmlFor={`member-${i}-dob`}>{t("families.intake.dateOfBirth")}</Label>
            <input
              id={`member-${i}-dob`}
              name={`member-${i}-dob`}
              type="date"
              className="usa-input"
              value={m.dateOfBirth}
              onChange={(e) => setMember(i, { dateOfBirth: e.target.value })}
            />
            <Label htmlFor={`member-${i}-relationship`}>{t("families.intake.relationship")}</Label>
            <Select
              id={`member-${i}-relationship`}
              name={`member-${i}-relationship`}
              value={m.relationship}
              onChange={(e) => setMember(i, { relationship: e.target.value })}
            >
              {RELATIONSHIPS.map((r) => (
                <option key={r} value={r}>
                  {t(`families.relationship.${r}`)}
                </option>
              ))}
            </Select>
            {members.length > 1 ? (
              <Button
                type="button"
                unstyled
                className="margin-top-1"
                onClick={() => setMembers(members.filter((_, j) => j !== i))}
              >
                {t("families.intake.removeMember", { number: i + 1 })}
              </Button>
            ) : null}
          </Fieldset>
        ))}
        <Button type="button" outline onClick={() => setMembers([...members, emptyMember("child")])}>
          {t("families.intake.addMember")}
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {t("families.intake.submit")}
        </Button>
      </Form>
    </Page>
  );
}
