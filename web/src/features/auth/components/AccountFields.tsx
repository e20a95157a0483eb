import { useI18n } from "../../../app/i18n";
import { Field } from "../../../components/Field";

/** A text field of the account pages: its value as a string, the server's errors. */
interface TextProps {
  value: string;
  onChange: (value: string) => void;
  errors: string[];
}

/** The account's identifier as typed on sign-in and on « forgotten password »:
 * the same field, so that password managers fill both. */
export function IdentifierField({ value, onChange, errors }: TextProps) {
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

/** The password the account has now, to sign in or to change it; `shown` types it
 * in clear. */
export function CurrentPasswordField({
  label,
  name,
  shown = false,
  value,
  onChange,
  errors,
}: TextProps & { label: string; name: string; shown?: boolean }) {
  return (
    <Field
      label={label}
      type={shown ? "text" : "password"}
      name={name}
      autoComplete="current-password"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      errors={errors}
    />
  );
}
