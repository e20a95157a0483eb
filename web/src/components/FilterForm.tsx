import type { FormEvent, ReactNode } from "react";
import { FormActions } from "./FormActions";

/** A list's filters: their fields, the button that applies them and, while some are
 * applied (`onReset` given), the one that empties the fields (`clear`) and the list's. */
export function FilterForm({
  label,
  apply,
  reset,
  onApply,
  clear,
  onReset,
  children,
}: {
  label: string;
  apply: string;
  reset: string;
  onApply: () => void;
  clear: () => void;
  onReset?: () => void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={submit}>
      {children}
      <FormActions
        submit={apply}
        second={reset}
        onSecond={
          onReset &&
          (() => {
            clear();
            onReset();
          })
        }
      />
    </form>
  );
}
