import {
  Button,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Radio,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { useServiceSearch } from "../directory/directory.api.ts";
import type { FamilyDocument } from "../families/families.api.ts";
import { useCreateReferral } from "./referrals.api.ts";

const LANGUAGES = ["en", "es", "vi", "zh", "tl", "und"];

/**
 * Refer a family: find a service in the directory, pick the goal it serves, and write the few details the
 * provider will see. Nothing else of the family's record is shared.
 */
export function ReferForm({ family, onDone }: { family: FamilyDocument; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateReferral();
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [goalIndex, setGoalIndex] = useState("");
  const parent = family.members.find((m) => m.relationship !== "child") ?? family.members[0];
  const [contactName, setContactName] = useState(parent ? `${parent.firstName} ${parent.lastName}` : "");
  const [language, setLanguage] = useState(family.preferredLanguage);
  const [phone, setPhone] = useState(family.phone ?? "");
  const [reason, setReason] = useState("");
  const results = useServiceSearch({
    q: submitted,
    taxonomyTermId: "",
    language: "",
    openNow: false,
    lat: null,
    lng: null,
    radiusKm: null,
    page: 1,
  });
  const plan = family.servicePlan;

  function search(event: FormEvent) {
    event.preventDefault();
    setSubmitted(query.trim());
    setServiceId("");
  }

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      {
        familyId: family.id,
        serviceId,
        ...(plan && goalIndex !== ""
          ? { goal: { planRevision: plan.revision, goalIndex: Number(goalIndex) } }
          : {}),
        shared: {
          contactName: contactName.trim(),
          preferredLanguage: language,
          phone: phone.trim() || null,
          reason,
        },
      },
      { onSuccess: onDone },
    );
  }

  const languages = LANGUAGES.includes(language) ? LANGUAGES : [language, ...LANGUAGES];
  return (
    <div className="referrals-no-print">
      <h3>{t("referrals.refer.heading", { family: family.displayName })}</h3>
      <form className="usa-search usa-search--small margin-bottom-2" onSubmit={search}>
        <Label htmlFor="refer-search">{t("referrals.refer.search")}</Label>
        <div className="display-flex">
          <TextInput
            id="refer-search"
            name="q"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <Button type="submit">{t("referrals.refer.searchButton")}</Button>
        </div>
      </form>
      <Form onSubmit={send} large>
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <Fieldset legend={t("referrals.refer.choose")}>
          {results.isPending ? <Loading /> : null}
          {results.isError ? <ErrorAlert error={results.error} /> : null}
          {results.data && results.data.contents.length === 0 ? (
            <p>{t("referrals.refer.noResults")}</p>
          ) : null}
          <div className="referrals-results">
            {results.data?.contents.map((service) => (
              <Radio
                key={service.id}
                id={`refer-service-${service.id}`}
                name="service"
                value={service.id}
                checked={serviceId === service.id}
                onChange={() => setServiceId(service.id)}
                label={service.name}
                labelDescription={service.organization?.name ?? undefined}
                tile
              />
            ))}
          </div>
        </Fieldset>
        {plan && plan.goals.length > 0 ? (
          <FormGroup>
            <Label htmlFor="refer-goal">{t("referrals.refer.goal")}</Label>
            <Select
              id="refer-goal"
              name="goal"
              value={goalIndex}
              onChange={(e) => setGoalIndex(e.target.value)}
            >
              <option value="">{t("referrals.refer.noGoal")}</option>
              {plan.goals.map((goal, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a goal's position in its plan revision is its identity (stored with the referral).
                <option key={index} value={String(index)}>
                  {goal.goal}
                </option>
              ))}
            </Select>
          </FormGroup>
        ) : null}
        <Fieldset legend={t("referrals.refer.shared")}>
          <p className="usa-hint">{t("referrals.refer.sharedHint")}</p>
          <Label htmlFor="refer-contact">{t("referrals.fields.contactName")}</Label>
          <TextInput
            id="refer-contact"
            name="contactName"
            type="text"
            required
            maxLength={200}
            value={contactName}
            onChange={(e) => setContactName(e.target.value)}
          />
          <Label htmlFor="refer-language">{t("referrals.fields.language")}</Label>
          <Select
            id="refer-language"
            name="language"
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
          >
            {languages.map((code) => (
              <option key={code} value={code}>
                {t(`families.language.${code}`, { defaultValue: code })}
              </option>
            ))}
          </Select>
          <Label htmlFor="refer-phone">{t("referrals.fields.phone")}</Label>
          <TextInput
            id="refer-phone"
            name="phone"
            type="tel"
            maxLength={40}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <Label htmlFor="refer-reason">{t("referrals.fields.reason")}</Label>
          <Textarea
            id="refer-reason"
            name="reason"
            required
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Fieldset>
        <div className="margin-top-2">
          <Button type="submit" disabled={create.isPending || serviceId === ""}>
            {t("referrals.refer.send")}
          </Button>
          <Button type="button" unstyled className="margin-left-2" onClick={onDone}>
            {t("referrals.refer.cancel")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
