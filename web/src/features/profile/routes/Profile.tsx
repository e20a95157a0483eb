import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useI18n } from "../../../app/i18n";
import { ErrorMessage, Loading, LoadError, Success } from "../../../components/Feedback";
import { Field } from "../../../components/Field";
import { Page } from "../../../components/Page";
import type { components } from "../../../api/schema";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import type { MessageKey } from "../../../locales";
import { ME_KEY, type Me, useMe } from "../../auth/api/me";
import { useConfig, useMenu } from "../../portal/api";

type ProfileInput = components["schemas"]["PatchedProfileInputRequest"];
type Editable = keyof Required<ProfileInput>;

interface EditableField {
  name: Editable;
  label: MessageKey;
  autoComplete: string;
  type?: string;
}

const EDITABLE: EditableField[] = [
  { name: "email", label: "profile.email", autoComplete: "email", type: "email" },
  { name: "phone", label: "profile.phone", autoComplete: "tel", type: "tel" },
  { name: "address", label: "profile.address", autoComplete: "street-address" },
  { name: "postal_code", label: "profile.postalCode", autoComplete: "postal-code" },
  { name: "city", label: "profile.city", autoComplete: "address-level2" },
];

/** « profil »: read-only for families, a few fields editable for care workers
 * (`PATCH me`). */
export default function Profile() {
  const { t } = useI18n();
  const me = useMe();
  const config = useConfig();
  const menu = useMenu();
  const title =
    menu.data?.sections.find((section) => section.key === "profile")?.label ?? t("profile.title");

  return (
    <Page title={title}>
      {me.isPending || config.isPending ? (
        <Loading />
      ) : me.isError ? (
        <LoadError error={me.error} retry={me.refetch} />
      ) : config.data?.kind === "intervenant" ? (
        <EditableProfile me={me.data} />
      ) : (
        <ReadOnlyProfile me={me.data} />
      )}
    </Page>
  );
}

function ReadOnlyProfile({ me }: { me: Me }) {
  const { t } = useI18n();
  const person = me.person;
  const rows: [string, string][] = [
    [t("profile.lastName"), person.last_name],
    [t("profile.firstName"), person.first_name],
    [t("profile.email"), person.email],
    [t("profile.phone"), person.phone],
    [t("profile.address"), person.address],
    [t("profile.postalCode"), person.postal_code],
    [t("profile.city"), person.city],
    [t("profile.identifier"), me.account.identifier],
  ];
  return (
    <>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || <span className="muted">{t("profile.none")}</span>}</dd>
          </div>
        ))}
      </dl>
      <p>{t("profile.readOnly")}</p>
    </>
  );
}

function EditableProfile({ me }: { me: Me }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Editable, string>>(() => ({
    email: me.person.email,
    phone: me.person.phone,
    address: me.person.address,
    postal_code: me.person.postal_code,
    city: me.person.city,
  }));

  const save = useMutation({
    mutationFn: () =>
      call(api.PATCH("/api/v1/portals/{portal}/me", { params: { path: portal() }, body: values })),
    onSuccess: (answer) => queryClient.setQueryData<Me>(ME_KEY, answer),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <>
      <dl className="details">
        <div>
          <dt>{t("profile.lastName")}</dt>
          <dd>{me.person.last_name}</dd>
        </div>
        <div>
          <dt>{t("profile.firstName")}</dt>
          <dd>{me.person.first_name}</dd>
        </div>
        <div>
          <dt>{t("profile.identifier")}</dt>
          <dd>{me.account.identifier}</dd>
        </div>
      </dl>
      {save.isSuccess && <Success>{t("profile.saved")}</Success>}
      <ErrorMessage error={save.error} />
      <form className="form" onSubmit={submit}>
        {EDITABLE.map((field) => (
          <Field
            key={field.name}
            label={t(field.label)}
            name={field.name}
            type={field.type ?? "text"}
            autoComplete={field.autoComplete}
            value={values[field.name]}
            onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
            errors={fieldErrors(save.error, field.name)}
          />
        ))}
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t("profile.save")}
        </button>
      </form>
    </>
  );
}
