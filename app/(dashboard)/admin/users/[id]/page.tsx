// /admin/users/<id>: one account as an operator sees it (balance, ledger, keys, usage this month) and what an operator
// can do to it: grant or remove credit with a reason, suspend or unsuspend, make or remove admin, set its spending limit.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DataTable } from "@/components/admin/data-table";
import { LabelledInput } from "@/components/admin/labelled-input";
import { Badge, FormNotice } from "@/components/admin/notice";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import { getUserDetail } from "@/lib/admin/accounts";
import { listPlans } from "@/lib/plans/plans";
import { requireAdmin } from "@/lib/admin/guard";
import { formatUsdCents, formatUsdCost, microsToUsd } from "@/lib/money";
import { adminMetadata } from "../../admin-metadata";
import { type SearchParams, searchParam } from "../../search-params";
import {
  adminFlagAction,
  changeCreditAction,
  suspensionAction,
  userPlanAction,
  userSpendingLimitAction,
} from "../actions";

export const generateMetadata = adminMetadata("admin-users", "detail.metaTitle");

type Params = Promise<{ id: string }>;

const DONE = [
  "granted",
  "removed",
  "suspended",
  "unsuspended",
  "madeAdmin",
  "removedAdmin",
  "limitSaved",
  "planSaved",
  "created",
];
const FIELDS = ["amountUsd", "reason", "limitUsd", "thresholds", "lowBalanceUsd"];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      id={id}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** One of the operator's forms, in its own section: what its last post did, then its fields for this user. */
function UserForm({
  name,
  title,
  action,
  userId,
  outcome,
  children,
}: {
  /** The section's id, and the form's name in the redirect after a post. */
  name: string;
  title: string;
  action: (formData: FormData) => Promise<void>;
  userId: string;
  /** What the last post of a form did, said above its fields. */
  outcome: (name: string) => ReactNode;
  children: ReactNode;
}) {
  return (
    <Section id={name} title={title}>
      <form action={action} className="space-y-3">
        {outcome(name)}
        <input type="hidden" name="userId" value={userId} />
        {children}
      </form>
    </Section>
  );
}

export default async function UserPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [detail, plans] = await Promise.all([getUserDetail(decodeURIComponent(id)), listPlans()]);
  if (!detail) notFound();
  const [t, locale] = await Promise.all([getTranslations("admin-users"), getLocale()]);
  const { user, ledger, keys, keySpend, usage } = detail;
  const money = (micros: bigint) => formatUsdCents(micros, { locale });
  const form = searchParam(query.form);
  const done = searchParam(query.done);
  const error = searchParam(query.error);
  const field = searchParam(query.field);
  /** The problem for one field of one form, from the redirect after a refused post. */
  const fieldError = (formName: string, name: string) => (form === formName && field === name ? error : undefined);
  const notice = (formName: string) =>
    form !== formName ? null : error && !FIELDS.includes(field) ? (
      <FormNotice kind="error">{error}</FormNotice>
    ) : DONE.includes(done) ? (
      <FormNotice kind="done">{t(`done.${done}` as "done.granted")}</FormNotice>
    ) : null;
  const isSelf = admin.userId === user.id;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/users" className="text-zinc-600 underline underline-offset-2 dark:text-zinc-400">
          {t("detail.back")}
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="break-all text-2xl font-semibold tracking-tight" data-testid="user-email">
          {user.email ?? user.id}
        </h1>
        <p className="space-x-1">
          {user.isAdmin ? <Badge tone="neutral">{t("badge.admin")}</Badge> : null}
          {user.suspendedAt ? <Badge tone="danger">{t("badge.suspended")}</Badge> : null}
        </p>
        {notice("created")}
        {user.suspendedAt ? (
          <p
            data-testid="suspension"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
          >
            {t("detail.suspendedSince", {
              date: user.suspendedAt.toISOString().slice(0, 16).replace("T", " "),
              reason: user.suspendedReason ?? "",
            })}
          </p>
        ) : null}
      </header>

      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          { label: t("detail.balance"), value: money(user.balanceMicros), testId: "user-balance" },
          { label: t("detail.held"), value: money(user.heldMicros), testId: "user-held" },
          {
            label: t("detail.spentThisMonth"),
            value: formatUsdCost(usage.costMicros, { locale }),
            testId: "user-month",
          },
          { label: t("detail.requestsThisMonth"), value: String(usage.requests), testId: "user-requests" },
        ].map((item) => (
          <div key={item.label} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{item.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={item.testId}>
              {item.value}
            </dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <UserForm name="credit" title={t("credit.title")} action={changeCreditAction} userId={user.id} outcome={notice}>
          <LabelledInput
            id="credit-amount"
            name="amountUsd"
            label={t("credit.amount")}
            inputMode="decimal"
            required
            error={fieldError("credit", "amountUsd")}
          />
          <LabelledInput
            id="credit-reason"
            name="reason"
            label={t("credit.reason")}
            hint={t("credit.reasonHint")}
            required
            maxLength={500}
            error={fieldError("credit", "reason")}
          />
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="direction" value="grant" className={primaryButton}>
              {t("credit.grant")}
            </button>
            <button type="submit" name="direction" value="remove" className={secondaryButton}>
              {t("credit.remove")}
            </button>
          </div>
        </UserForm>

        <UserForm
          name="suspension"
          title={t("suspension.title")}
          action={suspensionAction}
          userId={user.id}
          outcome={notice}
        >
          <input type="hidden" name="suspend" value={user.suspendedAt ? "false" : "true"} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {user.suspendedAt ? t("suspension.liftHelp") : t("suspension.help")}
          </p>
          <LabelledInput
            id="suspension-reason"
            name="reason"
            label={t("suspension.reason")}
            required
            maxLength={500}
            error={fieldError("suspension", "reason")}
          />
          <button type="submit" className={user.suspendedAt ? primaryButton : secondaryButton} disabled={isSelf}>
            {user.suspendedAt ? t("suspension.unsuspend") : t("suspension.suspend")}
          </button>
          {isSelf ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("suspension.notSelf")}</p> : null}
        </UserForm>

        <UserForm name="admin" title={t("adminFlag.title")} action={adminFlagAction} userId={user.id} outcome={notice}>
          <input type="hidden" name="admin" value={user.isAdmin ? "false" : "true"} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {user.isAdmin ? t("adminFlag.isAdmin") : t("adminFlag.notAdmin")}
          </p>
          <button type="submit" className={secondaryButton}>
            {user.isAdmin ? t("adminFlag.remove") : t("adminFlag.make")}
          </button>
        </UserForm>

        <UserForm
          name="limit"
          title={t("limit.title")}
          action={userSpendingLimitAction}
          userId={user.id}
          outcome={notice}
        >
          <LabelledInput
            id="limit-usd"
            name="limitUsd"
            label={t("limit.limit")}
            hint={t("limit.limitHint")}
            inputMode="decimal"
            defaultValue={user.spendingLimitMicros === null ? "" : String(microsToUsd(user.spendingLimitMicros))}
            error={fieldError("limit", "limitUsd")}
          />
          <LabelledInput
            id="limit-thresholds"
            name="thresholds"
            label={t("limit.thresholds")}
            hint={t("limit.thresholdsHint")}
            defaultValue={user.spendingAlertPercents.join(", ")}
            error={fieldError("limit", "thresholds")}
          />
          <LabelledInput
            id="limit-low-balance"
            name="lowBalanceUsd"
            label={t("limit.lowBalance")}
            hint={t("limit.lowBalanceHint")}
            inputMode="decimal"
            defaultValue={user.lowBalanceMicros === null ? "" : String(microsToUsd(user.lowBalanceMicros))}
            error={fieldError("limit", "lowBalanceUsd")}
          />
          <button type="submit" className={secondaryButton}>
            {t("limit.save")}
          </button>
        </UserForm>
      </div>

      <UserForm name="plan" title={t("plan.title")} action={userPlanAction} userId={user.id} outcome={notice}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("plan.help")}</p>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="plan-select" className="block text-sm font-medium">
              {t("plan.plan")}
            </label>
            <select
              id="plan-select"
              name="plan"
              defaultValue={user.planId}
              className={`${fieldControl} mt-1 block px-3 py-2 dark:bg-zinc-900`}
            >
              {plans.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {plan.name} —{" "}
                  {t("plan.limits", {
                    rpm: plan.rpmLimit ?? "—",
                    rpd: plan.rpdLimit ?? "—",
                    tpm: plan.tpmLimit ?? "—",
                    concurrency: plan.concurrencyLimit ?? "—",
                  })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={secondaryButton}>
            {t("plan.save")}
          </button>
        </div>
        <p className="text-sm">
          <Link href="/admin/plans" className="underline underline-offset-2">
            {t("plan.editPlans")}
          </Link>
        </p>
      </UserForm>

      <Section id="keys" title={t("keys.title")}>
        <DataTable
          look="inset"
          caption={t("keys.title")}
          empty={t("keys.none")}
          minWidth="min-w-[36rem]"
          columns={[
            t("keys.name"),
            t("keys.key"),
            t("keys.status"),
            { label: t("keys.spent"), align: "right" },
            t("keys.lastUsed"),
          ]}
          rows={keys.map((key) => (
            <tr key={key.id}>
              <td className="py-2 pr-3">{key.name}</td>
              <td className="py-2 pr-3 font-mono text-xs">
                {key.prefix}…{key.lastFour}
              </td>
              <td className="py-2 pr-3">{key.revokedAt ? t("keys.revoked") : t("keys.active")}</td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {formatUsdCost(keySpend.get(key.id) ?? 0n, { locale })}
              </td>
              <td className="py-2 text-zinc-600 dark:text-zinc-400">
                {key.lastUsedAt ? key.lastUsedAt.toISOString().slice(0, 16).replace("T", " ") : t("keys.never")}
              </td>
            </tr>
          ))}
        />
      </Section>

      <Section id="ledger" title={t("ledger.title")}>
        <DataTable
          look="inset"
          caption={t("ledger.title")}
          empty={t("ledger.none")}
          minWidth="min-w-[36rem]"
          testId="user-ledger"
          columns={[
            t("ledger.when"),
            t("ledger.kind"),
            t("ledger.description"),
            { label: t("ledger.amount"), align: "right" },
          ]}
          rows={ledger.map((row) => (
            <tr key={row.id}>
              <td className="whitespace-nowrap py-2 pr-3 text-zinc-600 dark:text-zinc-400">
                {row.at.toISOString().slice(0, 16).replace("T", " ")}
              </td>
              <td className="py-2 pr-3">{t(`ledger.kinds.${row.kind}`)}</td>
              <td className="py-2 pr-3">
                {row.kind === "usage" ? t("ledger.usage", { requests: row.requests }) : row.description}
              </td>
              <td className="py-2 text-right tabular-nums">{formatUsdCost(row.amountMicros, { locale })}</td>
            </tr>
          ))}
        />
        <p className="mt-3 text-sm">
          <Link
            href={`/admin/audit?${new URLSearchParams({ targetType: "user", targetId: user.id }).toString()}`}
            className="underline underline-offset-2"
          >
            {t("detail.auditLink")}
          </Link>
        </p>
      </Section>
    </div>
  );
}
