import type { ChangeEvent } from "react";
import { useI18n } from "../../../app/i18n";
import { Field } from "../../../components/Field";
import type { MessageKey } from "../../../locales";

/** One input of when something happens: a day or a time. */
export interface WhenField<N extends string> {
  name: N;
  type: "date" | "time";
  label: MessageKey;
  help?: MessageKey;
  /** The server's fields whose errors show under this input. */
  errors?: readonly string[];
}

/** The days and times of a span, all required, from a table of their inputs. */
export function WhenFields<N extends string>({
  fields,
  values,
  set,
  errors,
}: {
  fields: readonly WhenField<N>[];
  values: Record<N, string>;
  set: (name: N) => (event: ChangeEvent<HTMLInputElement>) => void;
  errors: Record<string, string[]>;
}) {
  const { t } = useI18n();
  return (
    <>
      {fields.map((field) => (
        <Field
          key={field.name}
          label={t(field.label)}
          help={field.help && t(field.help)}
          type={field.type}
          required
          value={values[field.name]}
          onChange={set(field.name)}
          errors={(field.errors ?? []).flatMap((name) => errors[name] ?? [])}
        />
      ))}
    </>
  );
}
