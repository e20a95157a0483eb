import { useId, useState } from "react";
import { useI18n } from "../../../app/i18n";
import { Field } from "../../../components/Field";
import { PasswordRules } from "../../../components/PasswordRules";

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

/** The new password typed twice, with the rules shown before it. */
export function NewPasswordFields({
  value,
  onChange,
  serverErrors,
  mismatch,
}: {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  serverErrors: string[];
  mismatch: boolean;
}) {
  const { t } = useI18n();
  const rulesId = useId();
  const [shown, setShown] = useState(false);
  const type = shown ? "text" : "password";
  return (
    <>
      <PasswordRules id={rulesId} />
      <Field
        label={t("auth.newPassword")}
        type={type}
        name="new_password"
        autoComplete="new-password"
        required
        minLength={10}
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.target.value })}
        describedBy={rulesId}
        errors={serverErrors}
      />
      <Field
        label={t("auth.confirmPassword")}
        type={type}
        name="confirm_password"
        autoComplete="new-password"
        required
        value={value.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.target.value })}
        errors={mismatch ? [t("auth.passwordMismatch")] : []}
      />
      <ShowPassword shown={shown} onChange={setShown} />
    </>
  );
}

export function ShowPassword({
  shown,
  onChange,
}: {
  shown: boolean;
  onChange: (shown: boolean) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={shown}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{t("auth.showPassword")}</label>
    </div>
  );
}
