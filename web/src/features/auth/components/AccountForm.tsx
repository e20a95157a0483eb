import type { FormEvent, ReactNode } from "react";
import { ErrorMessage } from "../../../components/Feedback";

/** The form of an account page: what the server refused, the fields, then the button
 * that sends them, held while the request runs. */
export function AccountForm({
  request,
  submit,
  onSubmit,
  children,
}: {
  request: { error: unknown; isPending: boolean };
  submit: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const send = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <>
      <ErrorMessage error={request.error} />
      <form className="form" onSubmit={send}>
        {children}
        <button type="submit" className="button-primary" disabled={request.isPending}>
          {submit}
        </button>
      </form>
    </>
  );
}
