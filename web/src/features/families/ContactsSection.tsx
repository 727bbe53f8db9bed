import { Button, Form, FormGroup, Label, Select, Textarea, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { todayIso, useDateFormat } from "./FamilyBits.tsx";
import { type FamilyDocument, useFamilyAction } from "./families.api.ts";

const KINDS = ["home_visit", "phone", "office", "text", "video", "other"] as const;

/** Step 4: the contact log, and per contact how the services are working for the family. */
export function ContactsSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const save = useFamilyAction(family.id, "POST", "/contacts");
  const [date, setDate] = useState(todayIso());
  const [kind, setKind] = useState<string>("home_visit");
  const [minutes, setMinutes] = useState("");
  const [notes, setNotes] = useState("");
  const services = [...new Set(family.servicePlan?.goals.flatMap((g) => g.servicesNeeded) ?? [])];
  const [review, setReview] = useState<Record<string, "" | "helpful" | "not_helpful" | "not_appropriate">>(
    {},
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const servicesReview = Object.entries(review)
      .filter(([, v]) => v !== "")
      .map(([service, v]) => ({ service, appropriate: v !== "not_appropriate", helpful: v === "helpful" }));
    save.mutate(
      {
        contactDate: date,
        kind,
        durationMinutes: minutes ? Number(minutes) : null,
        notes: notes.trim(),
        ...(servicesReview.length > 0 ? { servicesReview } : {}),
      },
      {
        onSuccess: () => {
          setNotes("");
          setMinutes("");
          setReview({});
        },
      },
    );
  }

  return (
    <section className="families-section" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">{t("families.contacts.heading")}</h2>
      {family.contacts.length === 0 ? <p>{t("families.contacts.none")}</p> : null}
      {family.contacts.length > 0 ? (
        <table className="usa-table usa-table--stacked-header usa-table--compact width-full">
          <caption>{t("families.contacts.caption", { count: family.contacts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("families.contacts.date")}</th>
              <th scope="col">{t("families.contacts.kind")}</th>
              <th scope="col">{t("families.contacts.minutes")}</th>
              <th scope="col">{t("families.contacts.notes")}</th>
              <th scope="col">{t("families.contacts.services")}</th>
            </tr>
          </thead>
          <tbody>
            {family.contacts.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label={t("families.contacts.date")}>
                  {formatDate(c.contactDate)}
                </th>
                <td data-label={t("families.contacts.kind")}>{t(`families.contacts.kinds.${c.kind}`)}</td>
                <td data-label={t("families.contacts.minutes")}>{c.durationMinutes ?? "—"}</td>
                <td data-label={t("families.contacts.notes")}>{c.notes}</td>
                <td data-label={t("families.contacts.services")}>
                  {c.servicesReview
                    .map(
                      (r) =>
                        `${r.service}: ${!r.appropriate ? t("families.contacts.notAppropriate") : r.helpful ? t("families.contacts.helpful") : t("families.contacts.notHelpful")}`,
                    )
                    .join("; ") || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {family.status === "open" ? (
        <Form onSubmit={submit} large className="families-no-print">
          <h3>{t("families.contacts.log")}</h3>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <FormGroup>
            <Label htmlFor="contact-date">{t("families.contacts.date")}</Label>
            <input
              id="contact-date"
              type="date"
              className="usa-input"
              value={date}
              max={todayIso()}
              required
              onChange={(e) => setDate(e.target.value)}
            />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="contact-kind">{t("families.contacts.kind")}</Label>
            <Select id="contact-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`families.contacts.kinds.${k}`)}
                </option>
              ))}
            </Select>
          </FormGroup>
          <FormGroup>
            <Label htmlFor="contact-minutes">{t("families.contacts.minutes")}</Label>
            <TextInput
              id="contact-minutes"
              name="minutes"
              type="number"
              min={1}
              max={1440}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="contact-notes">{t("families.contacts.notes")}</Label>
            <Textarea
              id="contact-notes"
              name="notes"
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </FormGroup>
          {services.map((service, i) => (
            <FormGroup key={service}>
              <Label htmlFor={`review-${i}`}>{t("families.contacts.reviewLabel", { service })}</Label>
              <Select
                id={`review-${i}`}
                name={`review-${i}`}
                value={review[service] ?? ""}
                onChange={(e) => setReview({ ...review, [service]: e.target.value as "" })}
              >
                <option value="">{t("families.contacts.notDiscussed")}</option>
                <option value="helpful">{t("families.contacts.helpful")}</option>
                <option value="not_helpful">{t("families.contacts.notHelpful")}</option>
                <option value="not_appropriate">{t("families.contacts.notAppropriate")}</option>
              </Select>
            </FormGroup>
          ))}
          <Button type="submit" disabled={save.isPending}>
            {t("families.contacts.save")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}
