import {
  Button,
  Checkbox,
  ErrorMessage,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Radio,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { type ChangeEvent, type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { focusFirstError, hasErrors } from "../../ui/validation.ts";
import { todayIso } from "../families/FamilyBits.tsx";
import type { FamilyDocument } from "../families/families.api.ts";
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  type ConsentMethod,
  type ConsentPurpose,
  DATA_CATEGORIES,
  type DataCategory,
  type NewConsent,
  SIGNED_FORM_MAX_BYTES,
  SIGNED_FORM_TYPES,
  type SignedFormType,
  useCreateConsent,
  useOrganizations,
} from "./consent.api.ts";

const OTHER_PERSON = "other";

interface SignedFile {
  fileName: string;
  contentType: SignedFormType;
  dataBase64: string;
}

/** Reads a chosen file as base64 (without the data: prefix), as the API takes signed forms inline. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? "");
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** Records a consent the family gave: to whom, what, for what, from when to when, and how it was given. */
export function RecordConsentForm({
  family,
  onDone,
  onCancel,
}: {
  family: FamilyDocument;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const create = useCreateConsent(family.id);
  const receivers = organizations.data?.items.filter((o) => o.id !== family.organizationId) ?? [];
  const [receivingIds, setReceivingIds] = useState<string[]>([]);
  const [categories, setCategories] = useState<DataCategory[]>([]);
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  const [effectiveOn, setEffectiveOn] = useState(todayIso());
  const [expiresOn, setExpiresOn] = useState("");
  // A parent or guardian gives consent: suggest the first adult of the household.
  const firstAdult = family.members.find((m) => m.age === null || m.age >= 18) ?? family.members[0];
  const [givenBy, setGivenBy] = useState<string>(firstAdult?.id ?? OTHER_PERSON);
  const [givenByName, setGivenByName] = useState("");
  const [method, setMethod] = useState<ConsentMethod | "">("");
  const [typedSignature, setTypedSignature] = useState("");
  const [signedOn, setSignedOn] = useState(todayIso());
  const [witnessName, setWitnessName] = useState("");
  const [file, setFile] = useState<SignedFile | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const firstReceiverId = receivers[0] ? `consent-org-${receivers[0].id}` : "consent-orgs";

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setFile(null);
    setFileError(undefined);
    if (!chosen) return;
    if (!(SIGNED_FORM_TYPES as readonly string[]).includes(chosen.type)) {
      setFileError(t("consent.form.errors.fileType"));
      return;
    }
    if (chosen.size > SIGNED_FORM_MAX_BYTES) {
      setFileError(t("consent.form.errors.fileSize"));
      return;
    }
    try {
      const dataBase64 = await readAsBase64(chosen);
      setFile({
        fileName: chosen.name.slice(0, 200),
        contentType: chosen.type as SignedFormType,
        dataBase64,
      });
    } catch {
      setFileError(t("consent.form.errors.fileRead"));
    }
  }

  function validate(): Record<string, string | undefined> {
    const found: Record<string, string | undefined> = {};
    if (receivingIds.length === 0) found[firstReceiverId] = t("consent.form.errors.organizations");
    if (categories.length === 0)
      found[`consent-category-${DATA_CATEGORIES[0]}`] = t("consent.form.errors.categories");
    if (purposes.length === 0)
      found[`consent-purpose-${CONSENT_PURPOSES[0]}`] = t("consent.form.errors.purposes");
    if (!effectiveOn) found["consent-effective"] = t("consent.form.errors.effectiveOn");
    if (expiresOn && effectiveOn && expiresOn < effectiveOn)
      found["consent-expires"] = t("consent.form.errors.expiresOn");
    if (givenBy === OTHER_PERSON && !givenByName.trim())
      found["consent-given-by-name"] = t("consent.form.errors.givenBy");
    if (method === "") found[`consent-method-${CONSENT_METHODS[0]}`] = t("consent.form.errors.method");
    if (method === "signed_form" && !file) found["consent-file"] = fileError ?? t("consent.form.errors.file");
    if (method === "typed_signature" && !typedSignature.trim())
      found["consent-typed-signature"] = t("consent.form.errors.typedSignature");
    if (method === "typed_signature" && !signedOn)
      found["consent-signed-on"] = t("consent.form.errors.signedOn");
    if (method === "verbal" && !witnessName.trim())
      found["consent-witness"] = t("consent.form.errors.witness");
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(found);
      return;
    }
    const member = family.members.find((m) => m.id === givenBy);
    const body: NewConsent = {
      memberId: member?.id ?? null,
      givenByName: member ? `${member.firstName} ${member.lastName}` : givenByName.trim(),
      receivingOrganizationIds: receivingIds,
      categories: DATA_CATEGORIES.filter((c) => categories.includes(c)),
      purposes: CONSENT_PURPOSES.filter((p) => purposes.includes(p)),
      effectiveOn,
      expiresOn: expiresOn || null,
      method: method as ConsentMethod,
      notes: notes.trim() || null,
    };
    if (method === "typed_signature") {
      body.typedSignature = typedSignature.trim();
      body.signedOn = signedOn;
    }
    if (method === "verbal") body.witnessName = witnessName.trim();
    if (method === "signed_form" && file) body.signedForm = file;
    create.mutate(body, { onSuccess: onDone });
  }

  const error = (id: string) => errors[id];

  return (
    <Form onSubmit={submit} large noValidate className="families-no-print maxw-tablet-lg margin-top-2">
      <h3>{t("consent.form.heading")}</h3>
      <p className="usa-hint">{t("consent.form.intro")}</p>
      {hasErrors(errors) ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("consent.form.errors.summary")}</p>
          </div>
        </div>
      ) : null}
      {create.error ? <ErrorAlert error={create.error} /> : null}

      <CheckboxGroup
        legend={t("consent.form.organizations")}
        error={error(firstReceiverId)}
        id="consent-orgs"
      >
        {organizations.isPending ? <Loading /> : null}
        {organizations.isError ? <ErrorAlert error={organizations.error} /> : null}
        {receivers.map((o) => (
          <Checkbox
            key={o.id}
            id={`consent-org-${o.id}`}
            name="receivingOrganizationIds"
            value={o.id}
            label={o.name}
            checked={receivingIds.includes(o.id)}
            onChange={(e) => setReceivingIds(toggle(receivingIds, o.id, e.target.checked))}
          />
        ))}
      </CheckboxGroup>

      <CheckboxGroup
        legend={t("consent.form.categories")}
        error={error(`consent-category-${DATA_CATEGORIES[0]}`)}
        id="consent-categories"
      >
        {DATA_CATEGORIES.map((c) => (
          <Checkbox
            key={c}
            id={`consent-category-${c}`}
            name="categories"
            value={c}
            tile
            label={t(`consent.categories.${c}.label`)}
            labelDescription={t(`consent.categories.${c}.description`)}
            checked={categories.includes(c)}
            onChange={(e) => setCategories(toggle(categories, c, e.target.checked))}
          />
        ))}
      </CheckboxGroup>

      <CheckboxGroup
        legend={t("consent.form.purposes")}
        error={error(`consent-purpose-${CONSENT_PURPOSES[0]}`)}
        id="consent-purposes"
      >
        {CONSENT_PURPOSES.map((p) => (
          <Checkbox
            key={p}
            id={`consent-purpose-${p}`}
            name="purposes"
            value={p}
            label={t(`consent.purposes.${p}`)}
            checked={purposes.includes(p)}
            onChange={(e) => setPurposes(toggle(purposes, p, e.target.checked))}
          />
        ))}
      </CheckboxGroup>

      <DateField
        id="consent-effective"
        label={t("consent.form.effectiveOn")}
        value={effectiveOn}
        onChange={setEffectiveOn}
        error={error("consent-effective")}
      />
      <DateField
        id="consent-expires"
        label={t("consent.form.expiresOn")}
        hint={t("consent.form.expiresHint")}
        value={expiresOn}
        onChange={setExpiresOn}
        error={error("consent-expires")}
      />

      <FormGroup>
        <Label htmlFor="consent-given-by">{t("consent.form.givenBy")}</Label>
        <Select
          id="consent-given-by"
          name="givenBy"
          value={givenBy}
          onChange={(e) => setGivenBy(e.target.value)}
        >
          {family.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.firstName} {m.lastName}
            </option>
          ))}
          <option value={OTHER_PERSON}>{t("consent.form.someoneElse")}</option>
        </Select>
      </FormGroup>
      {givenBy === OTHER_PERSON ? (
        <TextGroup
          id="consent-given-by-name"
          label={t("consent.form.givenByName")}
          value={givenByName}
          onChange={setGivenByName}
          error={error("consent-given-by-name")}
        />
      ) : null}

      <CheckboxGroup
        legend={t("consent.form.method")}
        error={error(`consent-method-${CONSENT_METHODS[0]}`)}
        id="consent-method"
      >
        {CONSENT_METHODS.map((m) => (
          <Radio
            key={m}
            id={`consent-method-${m}`}
            name="method"
            value={m}
            label={t(`consent.methods.${m}`)}
            checked={method === m}
            onChange={() => setMethod(m)}
          />
        ))}
      </CheckboxGroup>

      {method === "signed_form" ? (
        <FormGroup error={Boolean(error("consent-file") || fileError)}>
          <Label htmlFor="consent-file" error={Boolean(error("consent-file") || fileError)}>
            {t("consent.form.file")}
          </Label>
          <div className="usa-hint" id="consent-file-hint">
            {t("consent.form.fileHint")}
          </div>
          {error("consent-file") || fileError ? (
            <ErrorMessage id="consent-file-error">{error("consent-file") ?? fileError}</ErrorMessage>
          ) : null}
          <input
            id="consent-file"
            name="signedForm"
            type="file"
            className="display-block margin-top-1"
            accept={SIGNED_FORM_TYPES.join(",")}
            aria-describedby={
              error("consent-file") || fileError
                ? "consent-file-hint consent-file-error"
                : "consent-file-hint"
            }
            onChange={(e) => void chooseFile(e)}
          />
        </FormGroup>
      ) : null}
      {method === "typed_signature" ? (
        <>
          <TextGroup
            id="consent-typed-signature"
            label={t("consent.form.typedSignature")}
            hint={t("consent.form.typedSignatureHint")}
            value={typedSignature}
            onChange={setTypedSignature}
            error={error("consent-typed-signature")}
          />
          <DateField
            id="consent-signed-on"
            label={t("consent.form.signedOn")}
            value={signedOn}
            onChange={setSignedOn}
            error={error("consent-signed-on")}
          />
        </>
      ) : null}
      {method === "verbal" ? (
        <TextGroup
          id="consent-witness"
          label={t("consent.form.witness")}
          hint={t("consent.form.witnessHint")}
          value={witnessName}
          onChange={setWitnessName}
          error={error("consent-witness")}
        />
      ) : null}

      <FormGroup>
        <Label htmlFor="consent-notes">{t("consent.form.notes")}</Label>
        <Textarea
          id="consent-notes"
          name="notes"
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </FormGroup>

      <Button type="submit" disabled={create.isPending} className="margin-top-2">
        {t("consent.form.submit")}
      </Button>
      <Button type="button" unstyled className="margin-left-2" onClick={onCancel}>
        {t("consent.cancel")}
      </Button>
    </Form>
  );
}

function CheckboxGroup({
  legend,
  error,
  id,
  children,
}: {
  legend: string;
  error: string | undefined;
  id: string;
  children: ReactNode;
}) {
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} legendStyle="default" id={id}>
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        {children}
      </Fieldset>
    </FormGroup>
  );
}

function DateField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint ? (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <input
        id={id}
        name={id}
        type="date"
        className={`usa-input${error ? " usa-input--error" : ""}`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormGroup>
  );
}

function TextGroup({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint ? (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <TextInput
        id={id}
        name={id}
        type="text"
        maxLength={200}
        value={value}
        validationStatus={error ? "error" : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormGroup>
  );
}
