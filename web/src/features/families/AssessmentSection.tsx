import {
  Button,
  Checkbox,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Radio,
  Select,
  Textarea,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { ScrollRegion, todayIso, useDateFormat, useText2 } from "./FamilyBits.tsx";
import { type FamilyDocument, type Instrument, useFamilyAction, useInstruments } from "./families.api.ts";

/** Step 1: the change over time per domain, and a new assessment with the crisis screen. */
export function AssessmentSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const text = useText2();
  const formatDate = useDateFormat();
  const instruments = useInstruments();
  const instrument = instruments.data?.items[0];
  const [open, setOpen] = useState(false);
  const assessments = family.assessments;
  // With two or more assessments, a last column shows each domain's change as a small line chart.
  const trend = assessments.length > 1;
  return (
    <section className="families-section" aria-labelledby="assessment-heading">
      <h2 id="assessment-heading">{t("families.assessment.heading")}</h2>
      {assessments.length === 0 ? <p>{t("families.assessment.none")}</p> : null}
      {instrument && assessments.length > 0 ? (
        <ScrollRegion label={t("families.assessment.changeCaption")}>
          <table className="usa-table usa-table--compact">
            <caption>{t("families.assessment.changeCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("families.assessment.domain")}</th>
                {assessments.map((a) => (
                  <th scope="col" key={a.id}>
                    {formatDate(a.assessedOn)}
                  </th>
                ))}
                {trend ? <th scope="col">{t("families.assessment.change")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {instrument.domains.map((d) => (
                <tr key={d.key}>
                  <th scope="row">{text(d.label)}</th>
                  {assessments.map((a) => {
                    const score = a.scores[d.key] ?? 0;
                    return (
                      <td key={a.id}>
                        <span
                          className={`families-score-bar families-score-bar--${score}`}
                          aria-hidden="true"
                        />
                        {score}{" "}
                        <span className="usa-sr-only">{text(instrument.scale.labels[score - 1])}</span>
                      </td>
                    );
                  })}
                  {trend ? (
                    <td>
                      <ChangeOverTime scores={assessments.map((a) => a.scores[d.key] ?? 0)} />
                    </td>
                  ) : null}
                </tr>
              ))}
              <tr>
                <th scope="row">{t("families.assessment.average")}</th>
                {assessments.map((a) => (
                  <td key={a.id}>{a.average.toFixed(1)}</td>
                ))}
                {trend ? <td /> : null}
              </tr>
              <tr>
                <th scope="row">{t("families.assessment.crisis")}</th>
                {assessments.map((a) => (
                  <td key={a.id}>
                    {a.crisisKinds.length === 0
                      ? t("families.assessment.noCrisis")
                      : a.crisisKinds
                          .map((k) => text(instrument.crisisKinds.find((c) => c.key === k)?.label))
                          .join(", ")}
                  </td>
                ))}
                {trend ? <td /> : null}
              </tr>
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {family.status === "open" && instrument ? (
        open ? (
          <AssessmentForm family={family} instrument={instrument} onDone={() => setOpen(false)} />
        ) : (
          <Button type="button" onClick={() => setOpen(true)} className="families-no-print">
            {assessments.length === 0 ? t("families.assessment.start") : t("families.assessment.reassess")}
          </Button>
        )
      ) : null}
    </section>
  );
}

function AssessmentForm({
  family,
  instrument,
  onDone,
}: {
  family: FamilyDocument;
  instrument: Instrument;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const text = useText2();
  const save = useFamilyAction(family.id, "POST", "/assessments");
  const [assessedOn, setAssessedOn] = useState(todayIso());
  const [scores, setScores] = useState<Record<string, string>>({});
  const [crisis, setCrisis] = useState<string[]>([]);
  const [notes, setNotes] = useState("");
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (instrument.domains.some((d) => !scores[d.key])) {
      setMissing(true);
      return;
    }
    setMissing(false);
    save.mutate(
      {
        assessedOn,
        scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
        crisisKinds: crisis,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <Form onSubmit={submit} large className="families-no-print">
      <h3>{text(instrument.name)}</h3>
      {missing ? (
        <p className="usa-error-message" role="alert">
          {t("families.assessment.scoreEvery")}
        </p>
      ) : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <FormGroup>
        <Label htmlFor="assessment-date">{t("families.assessment.date")}</Label>
        <input
          id="assessment-date"
          type="date"
          className="usa-input"
          value={assessedOn}
          max={todayIso()}
          onChange={(e) => setAssessedOn(e.target.value)}
          required
        />
      </FormGroup>
      {instrument.domains.map((d) => (
        <FormGroup key={d.key}>
          <Label htmlFor={`score-${d.key}`}>{text(d.label)}</Label>
          <Select
            id={`score-${d.key}`}
            name={`score-${d.key}`}
            value={scores[d.key] ?? ""}
            onChange={(e) => setScores({ ...scores, [d.key]: e.target.value })}
          >
            <option value="">{t("families.assessment.choose")}</option>
            {d.anchors.map((anchor, i) => (
              <option key={text(anchor)} value={String(i + instrument.scale.min)}>
                {`${i + instrument.scale.min} · ${text(instrument.scale.labels[i])}: ${text(anchor)}`}
              </option>
            ))}
          </Select>
        </FormGroup>
      ))}
      <Fieldset legend={t("families.assessment.crisisLegend")}>
        <span className="usa-hint">{t("families.assessment.crisisHint")}</span>
        {instrument.crisisKinds.map((c) => (
          <Checkbox
            key={c.key}
            id={`crisis-${c.key}`}
            name="crisis"
            label={text(c.label)}
            checked={crisis.includes(c.key)}
            onChange={(e) =>
              setCrisis(e.target.checked ? [...crisis, c.key] : crisis.filter((k) => k !== c.key))
            }
          />
        ))}
      </Fieldset>
      <FormGroup>
        <Label htmlFor="assessment-notes">{t("families.assessment.notes")}</Label>
        <Textarea
          id="assessment-notes"
          name="notes"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </FormGroup>
      <Button type="submit" disabled={save.isPending}>
        {t("families.assessment.save")}
      </Button>
      <Button type="button" unstyled className="margin-left-2" onClick={onDone}>
        {t("families.cancel")}
      </Button>
    </Form>
  );
}

/** The rules suggest; the case manager decides the level of case management and says why. */
export function IntensitySection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const text = useText2();
  const instruments = useInstruments();
  const instrument = instruments.data?.items[0];
  const save = useFamilyAction(family.id, "PUT", "/intensity");
  const [level, setLevel] = useState(family.intensity ?? family.suggestedIntensity?.level ?? "standard");
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState(false);
  const reasonText = (r: string) => {
    const [kind, key] = r.split(":");
    if (kind === "crisis")
      return t("families.intensity.reasonCrisis", {
        what: text(instrument?.crisisKinds.find((c) => c.key === key)?.label) || key,
      });
    return t("families.intensity.reasonRisk", {
      what: text(instrument?.domains.find((d) => d.key === key)?.label) || key,
    });
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      { version: family.version, level, reason: reason.trim() },
      {
        onSuccess: () => {
          setSaved(true);
          setReason("");
        },
      },
    );
  }

  return (
    <section className="families-section" aria-labelledby="intensity-heading">
      <h2 id="intensity-heading">{t("families.intensity.heading")}</h2>
      {family.suggestedIntensity ? (
        <p>
          {t("families.intensity.suggested", {
            level: t(`families.intensity.${family.suggestedIntensity.level}`),
          })}{" "}
          {family.suggestedIntensity.reasons.map(reasonText).join("; ")}
        </p>
      ) : (
        <p>{t("families.intensity.noSuggestion")}</p>
      )}
      {family.intensity ? (
        <p>
          {t("families.intensity.decided", { level: t(`families.intensity.${family.intensity}`) })}{" "}
          <q>{family.intensityReason}</q>
        </p>
      ) : null}
      {saved ? <SuccessAlert>{t("families.intensity.saved")}</SuccessAlert> : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {family.status === "open" ? (
        <Form onSubmit={submit} large className="families-no-print">
          <Fieldset legend={t("families.intensity.legend")}>
            {(["standard", "intensive"] as const).map((l) => (
              <Radio
                key={l}
                id={`intensity-${l}`}
                name="intensity"
                value={l}
                label={t(`families.intensity.${l}Long`)}
                checked={level === l}
                onChange={() => setLevel(l)}
              />
            ))}
          </Fieldset>
          <FormGroup>
            <Label htmlFor="intensity-reason">{t("families.intensity.reason")}</Label>
            <Textarea
              id="intensity-reason"
              name="reason"
              required
              minLength={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </FormGroup>
          <Button type="submit" disabled={save.isPending}>
            {t("families.intensity.save")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

/** A domain's scores over time as a small line (scale 1–5), with the change since the first assessment in words. */
function ChangeOverTime({ scores }: { scores: number[] }) {
  const { t } = useTranslation();
  const width = 80;
  const height = 24;
  const x = (i: number) => (scores.length === 1 ? width / 2 : (i / (scores.length - 1)) * (width - 4) + 2);
  const y = (score: number) => height - 2 - ((score - 1) / 4) * (height - 4);
  const points = scores.map((score, i) => `${x(i)},${y(score)}`).join(" ");
  const change = (scores.at(-1) ?? 0) - (scores[0] ?? 0);
  return (
    <span className="families-trend">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        <polyline points={points} fill="none" stroke="#005ea2" strokeWidth="2" />
        {scores.map((score, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one point per assessment, in date order.
          <circle key={i} cx={x(i)} cy={y(score)} r="2.5" fill="#005ea2" />
        ))}
      </svg>{" "}
      {change === 0
        ? t("families.assessment.noChange")
        : t(change > 0 ? "families.assessment.better" : "families.assessment.worse", {
            count: Math.abs(change),
          })}
    </span>
  );
}
