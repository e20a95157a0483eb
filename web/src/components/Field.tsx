import { type InputHTMLAttributes, useId } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  help?: string;
  errors?: string[];
  /** Ids of more text describing the input (password rules, say). */
  describedBy?: string;
}

/** A labelled input; its help and errors are read with it. */
export function Field({ label, help, errors = [], describedBy: more, id, ...input }: FieldProps) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const helpId = `${inputId}-help`;
  const errorId = `${inputId}-error`;
  const describedBy = [help ? helpId : null, more ?? null, errors.length ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
      <input
        id={inputId}
        aria-describedby={describedBy || undefined}
        aria-invalid={errors.length ? true : undefined}
        {...input}
      />
      <FieldErrors errors={errors} id={errorId} />
    </div>
  );
}

/** A field's error messages, nothing when there are none. */
export function FieldErrors({ errors, id }: { errors: string[]; id?: string }) {
  if (errors.length === 0) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
