// The console's filters: a GET form of labelled text and select fields, so a filtered page is a link to share and
// works without JavaScript.
import Link from "next/link";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import { plainControl, plainLabel } from "./labelled-input";

export interface FilterField {
  /** Unique on the page: the label's target. */
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  /** A select when there are options. */
  options?: Array<{ value: string; label: string }>;
  /** The select's first option, the one that does not filter (its value is ""). */
  anyLabel?: string;
  type?: "search" | "date" | "text";
  placeholder?: string;
  /** Classes for the field's box (its width or grid span). */
  className?: string;
}

const looks = {
  /** Above a catalog table, beside the catalog's compact forms; applying the filter is a secondary action there. */
  compact: {
    label: "block text-xs font-medium",
    control: `${fieldControl} mt-1 max-w-full px-2 py-1.5 dark:bg-zinc-900`,
    button: secondaryButton,
  },
  /** A page that is mostly the filtered list (users, audit): the filter is its main action. */
  roomy: {
    label: plainLabel,
    control: plainControl,
    button: primaryButton,
  },
} as const;

export function FilterForm({
  action,
  fields,
  submitLabel,
  label,
  clearLabel,
  look = "compact",
  className = "flex flex-wrap items-end gap-2",
}: {
  /** The page the form filters. */
  action: string;
  fields: FilterField[];
  submitLabel: string;
  /** The form's accessible name, where the page has more than one form. */
  label?: string;
  /** The words of a link back to the unfiltered page, beside the button. */
  clearLabel?: string;
  look?: keyof typeof looks;
  className?: string;
}) {
  const classes = looks[look];
  return (
    <form method="get" action={action} aria-label={label} className={className}>
      {fields.map((field) => (
        <div key={field.id} className={field.className}>
          <label htmlFor={field.id} className={classes.label}>
            {field.label}
          </label>
          {field.options ? (
            <select id={field.id} name={field.name} defaultValue={field.defaultValue} className={classes.control}>
              {field.anyLabel !== undefined && <option value="">{field.anyLabel}</option>}
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={field.id}
              name={field.name}
              type={field.type}
              defaultValue={field.defaultValue}
              placeholder={field.placeholder}
              className={classes.control}
            />
          )}
        </div>
      ))}
      {clearLabel ? (
        <div className="col-span-full flex gap-3">
          <button type="submit" className={classes.button}>
            {submitLabel}
          </button>
          <Link href={action} className="self-center text-sm underline underline-offset-2">
            {clearLabel}
          </Link>
        </div>
      ) : (
        <button type="submit" className={classes.button}>
          {submitLabel}
        </button>
      )}
    </form>
  );
}
