import { useI18n } from "../../../app/i18n";
import { Field } from "../../../components/Field";

/** The account's identifier as typed on sign-in and on « forgotten password »:
 * the same field, so that password managers fill both. */
export function IdentifierField({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (value: string) => void;
  errors: string[];
}) {
  const { t } = useI18n();
  return (
    <Field
      label={t("auth.identifier")}
      help={t("auth.identifier.help")}
      name="identifier"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      errors={errors}
    />
  );
}
