import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, FormGroup, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiRequest } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import type { Measure } from "./sip.types.ts";

interface MeasureCorrection {
  name: string;
  unit: string | null;
  better: "lower" | "higher" | null;
  nationalPerformance: number | null;
  safety: boolean;
  /** The version this form loaded: a correction on a stale copy is refused with a conflict message. */
  version: number;
}

/** State agency administrators correct a measure's reference data (a new review round adds rows instead). */
export function MeasureReferenceForm({ measures }: { measures: Measure[] }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [measureId, setMeasureId] = useState(measures[0]?.id ?? "");
  const chosen = measures.find((m) => m.id === measureId);
  const save = useMutation({
    mutationFn: (body: MeasureCorrection) =>
      apiRequest<Measure>("PATCH", `/api/measures/${encodeURIComponent(measureId)}`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["measures"] }),
  });
  return (
    <section aria-labelledby={`${id}-heading`} className="sip-panel">
      <h2 id={`${id}-heading`}>{t("sip.reference.title")}</h2>
      <p>{t("sip.reference.intro")}</p>
      <FormGroup>
        <Label htmlFor={`${id}-measure`}>{t("sip.reference.measure")}</Label>
        <Select
          id={`${id}-measure`}
          name="measure"
          value={measureId}
          onChange={(event) => {
            setMeasureId(event.target.value);
            save.reset();
          }}
        >
          {measures.map((m) => (
            <option key={m.id} value={m.id}>
              {`${m.code} ${m.name}`}
            </option>
          ))}
        </Select>
      </FormGroup>
      {chosen ? (
        <CorrectionFields
          key={chosen.id}
          measure={chosen}
          onSave={(body) => save.mutate(body)}
          saving={save.isPending}
        />
      ) : null}
      {save.isSuccess ? <SuccessAlert>{t("sip.reference.saved")}</SuccessAlert> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </section>
  );
}

function CorrectionFields({
  measure,
  onSave,
  saving,
}: {
  measure: Measure;
  onSave: (body: MeasureCorrection) => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(measure.name);
  const [unit, setUnit] = useState(measure.unit ?? "");
  const [better, setBetter] = useState(measure.better ?? "");
  const [national, setNational] = useState(
    measure.nationalPerformance === null ? "" : String(measure.nationalPerformance),
  );
  const [safety, setSafety] = useState(measure.safety);
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const number = national.trim() === "" ? null : Number(national.replace(",", "."));
    if (!name.trim()) {
      setProblem("name");
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    if (number !== null && !Number.isFinite(number)) {
      setProblem("national");
      document.getElementById(`${id}-national`)?.focus();
      return;
    }
    setProblem(null);
    onSave({
      name: name.trim(),
      unit: unit.trim() || null,
      better: better === "lower" || better === "higher" ? better : null,
      nationalPerformance: number,
      safety,
      version: measure.version,
    });
  }
  return (
    <form className="usa-form sip-form" onSubmit={submit} noValidate>
      <FormGroup error={problem === "name"}>
        <Label htmlFor={`${id}-name`}>{t("sip.reference.name")}</Label>
        {problem === "name" ? (
          <span className="usa-error-message" id={`${id}-name-error`}>
            {t("sip.common.required")}
          </span>
        ) : null}
        <TextInput
          id={`${id}-name`}
          name="name"
          type="text"
          maxLength={300}
          value={name}
          aria-describedby={problem === "name" ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </FormGroup>
      <FormGroup>
        <Label htmlFor={`${id}-unit`}>{t("sip.reference.unit")}</Label>
        <TextInput
          id={`${id}-unit`}
          name="unit"
          type="text"
          maxLength={100}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
        />
      </FormGroup>
      <FormGroup>
        <Label htmlFor={`${id}-better`}>{t("sip.measures.better")}</Label>
        <Select id={`${id}-better`} name="better" value={better} onChange={(e) => setBetter(e.target.value)}>
          <option value="">{t("sip.reference.noDirection")}</option>
          <option value="lower">{t("sip.measures.betterIs.lower")}</option>
          <option value="higher">{t("sip.measures.betterIs.higher")}</option>
        </Select>
      </FormGroup>
      <FormGroup error={problem === "national"}>
        <Label htmlFor={`${id}-national`}>{t("sip.measures.national")}</Label>
        {problem === "national" ? (
          <span className="usa-error-message" id={`${id}-national-error`}>
            {t("sip.reference.number")}
          </span>
        ) : null}
        <TextInput
          id={`${id}-national`}
          name="national"
          type="text"
          inputMode="decimal"
          value={national}
          aria-describedby={problem === "national" ? `${id}-national-error` : undefined}
          onChange={(e) => setNational(e.target.value)}
        />
      </FormGroup>
      <Checkbox
        id={`${id}-safety`}
        name="safety"
        label={t("sip.reference.safety")}
        checked={safety}
        onChange={(e) => setSafety(e.target.checked)}
      />
      <Button type="submit" disabled={saving}>
        {t("sip.reference.save")}
      </Button>
    </form>
  );
}
