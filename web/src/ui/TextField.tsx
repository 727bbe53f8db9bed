import { ErrorMessage, FormGroup, Label, TextInput } from "@trussworks/react-uswds";

type InputType = "text" | "email" | "password";

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: InputType;
  hint?: string;
  error?: string | undefined;
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
}

/** A labelled USWDS text input with its hint and error tied to it through aria-describedby. */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = "text",
  hint,
  error,
  autoComplete,
  required = true,
  maxLength,
}: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint ? (
        <div className="usa-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <TextInput
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        validationStatus={error ? "error" : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
      />
    </FormGroup>
  );
}
