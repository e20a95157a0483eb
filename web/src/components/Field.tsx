import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

interface FrameProps {
  label: string;
  help?: string;
  errors?: string[];
  /** Ids of more text describing the control (password rules, say). */
  describedBy?: string;
  id?: string;
}

/** What ties a control to its label, help and errors. */
export interface ControlProps {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

/** A labelled control of any kind (input, textarea, select): its help and errors
 * are read with it. `children` draws the control from the props that tie it. */
export function FieldFrame({
  label,
  help,
  errors = [],
  describedBy: more,
  id,
  children,
}: FrameProps & { children: (control: ControlProps) => ReactNode }) {
  const ownId = useId();
  const controlId = id ?? ownId;
  const helpId = `${controlId}-help`;
  const errorId = `${controlId}-error`;
  const describedBy = [help ? helpId : null, more ?? null, errors.length ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
      {children({
        id: controlId,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": errors.length ? true : undefined,
      })}
      <FieldErrors errors={errors} id={errorId} />
    </div>
  );
}

/** The props of a labelled control: those of its frame, and the control's own. */
function split<P extends FrameProps>({
  label,
  help,
  errors,
  describedBy,
  id,
  ...control
}: P): [FrameProps, Omit<P, keyof FrameProps>] {
  return [{ label, help, errors, describedBy, id }, control];
}

/** A labelled input. */
export function Field(props: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const [frame, input] = split(props);
  return <FieldFrame {...frame}>{(control) => <input {...control} {...input} />}</FieldFrame>;
}

/** A labelled text of several lines. */
export function TextAreaField(props: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [frame, textarea] = split(props);
  return <FieldFrame {...frame}>{(control) => <textarea {...control} {...textarea} />}</FieldFrame>;
}

/** A labelled choice: a first option of value "" (`none`: « all », « choose… »),
 * then `options`. */
export function SelectField({
  none,
  options,
  ...props
}: FrameProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    none: string;
    options: readonly { value: string | number; label: string }[];
  }) {
  const [frame, select] = split(props);
  return (
    <FieldFrame {...frame}>
      {(control) => (
        <select {...control} {...select}>
          <option value="">{none}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
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
