import { Button, Form, FormGroup, Label, Select, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { todayIso, useDateFormat } from "./FamilyBits.tsx";
import { type FamilyDocument, useFamilyAction } from "./families.api.ts";

const REASONS = ["goals_met", "family_choice", "moved", "no_contact", "transferred", "other"] as const;
const TEXTS = ["goalsMet", "maintenancePlan", "anticipatedNeeds", "whereToSeekHelp"] as const;

/** Step 5: disengagement with a plan for keeping the progress, and reopening. */
export function ClosureSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const close = useFamilyAction(family.id, "POST", "/closure");
  const reopen = useFamilyAction(family.id, "POST", "/reopening");
  const [open, setOpen] = useState(false);
  const [closedOn, setClosedOn] = useState(todayIso());
  const [reason, setReason] = useState<string>("goals_met");
  const [texts, setTexts] = useState<Record<(typeof TEXTS)[number], string>>({
    goalsMet: "",
    maintenancePlan: "",
    anticipatedNeeds: "",
    whereToSeekHelp: "",
  });
  const [reopenReason, setReopenReason] = useState("");
  const current = family.status === "closed" ? family.closures[0] : undefined;

  function submitClose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    close.mutate(
      { version: family.version, closedOn, reason, ...texts },
      { onSuccess: () => setOpen(false) },
    );
  }

  function submitReopen(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reopen.mutate(
      { version: family.version, reason: reopenReason.trim() },
      { onSuccess: () => setReopenReason("") },
    );
  }

  return (
    <section className="families-section" aria-labelledby="closure-heading">
      <h2 id="closure-heading">{t("families.closure.heading")}</h2>
      {current ? (
        <>
          <p>
            {t("families.closure.closedOn", { date: formatDate(current.closedOn) })} ·{" "}
            {t(`families.closure.reasons.${current.reason}`)}
          </p>
          <dl>
            {TEXTS.map((key) => (
              <div key={key}>
                <dt className="text-bold">{t(`families.closure.${key}`)}</dt>
                <dd className="margin-left-0 margin-bottom-1">{current[key]}</dd>
              </div>
            ))}
          </dl>
          <Form onSubmit={submitReopen} className="families-no-print">
            {reopen.error ? <ErrorAlert error={reopen.error} /> : null}
            <FormGroup>
              <Label htmlFor="reopen-reason">{t("families.closure.reopenReason")}</Label>
              <Textarea
                id="reopen-reason"
                name="reopen-reason"
                required
                minLength={3}
                value={reopenReason}
                onChange={(e) => setReopenReason(e.target.value)}
              />
            </FormGroup>
            <Button type="submit" secondary disabled={reopen.isPending}>
              {t("families.closure.reopen")}
            </Button>
          </Form>
        </>
      ) : null}
      {family.closures.some((c) => c.reopenedAt) ? (
        <ul>
          {family.closures
            .filter((c) => c.reopenedAt)
            .map((c) => (
              <li key={c.id}>
                {t("families.closure.reopenedLine", {
                  closed: formatDate(c.closedOn),
                  reason: c.reopenReason ?? "",
                })}
              </li>
            ))}
        </ul>
      ) : null}
      {family.status === "open" ? (
        open ? (
          <Form onSubmit={submitClose} large className="families-no-print">
            {close.error ? <ErrorAlert error={close.error} /> : null}
            <FormGroup>
              <Label htmlFor="closure-date">{t("families.closure.date")}</Label>
              <input
                id="closure-date"
                type="date"
                className="usa-input"
                value={closedOn}
                max={todayIso()}
                required
                onChange={(e) => setClosedOn(e.target.value)}
              />
            </FormGroup>
            <FormGroup>
              <Label htmlFor="closure-reason">{t("families.closure.reason")}</Label>
              <Select
                id="closure-reason"
                name="reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              >
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`families.closure.reasons.${r}`)}
                  </option>
                ))}
              </Select>
            </FormGroup>
            {TEXTS.map((key) => (
              <FormGroup key={key}>
                <Label htmlFor={`closure-${key}`}>{t(`families.closure.${key}`)}</Label>
                <Textarea
                  id={`closure-${key}`}
                  name={key}
                  required
                  value={texts[key]}
                  onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
                />
              </FormGroup>
            ))}
            <Button type="submit" disabled={close.isPending}>
              {t("families.closure.close")}
            </Button>
            <Button type="button" unstyled className="margin-left-2" onClick={() => setOpen(false)}>
              {t("families.cancel")}
            </Button>
          </Form>
        ) : (
          <Button type="button" outline onClick={() => setOpen(true)} className="families-no-print">
            {t("families.closure.start")}
          </Button>
        )
      ) : null}
    </section>
  );
}
