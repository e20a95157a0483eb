/** A form's buttons, side by side: the one that submits (left out when there is
 * nothing to submit) and, when given, a second one that does not. */
export function FormActions({
  submit,
  busy,
  second,
  onSecond,
}: {
  submit?: string;
  busy?: boolean;
  second?: string;
  onSecond?: () => void;
}) {
  return (
    <div className="filters-actions">
      {submit !== undefined && (
        <button type="submit" className="button-primary" disabled={busy}>
          {submit}
        </button>
      )}
      {onSecond && (
        <button type="button" className="button-secondary" onClick={onSecond}>
          {second}
        </button>
      )}
    </div>
  );
}
