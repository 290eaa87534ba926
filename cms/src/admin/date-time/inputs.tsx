import * as React from 'react';
import { useField, useFocusInputField } from '@strapi/strapi/admin';
import { displayValue, parseDate, parseTime, type Parsed } from './parse';

// The edit form's inputs for every `date` and `time` attribute (event dates and hours, the
// accessibility statement's dates), registered with `app.addFields` in app.tsx.
//
// Why: Strapi 5.54's own inputs lose what Polish editors type. Its TimeInput passes whatever the
// design system's TimePicker reports on to the form as `${time}:00.000`, and the TimePicker reports
// `undefined` for text it cannot read ("930", "24:00", anything left in the box on Enter, Escape or
// Tab), so the form holds "undefined:00.000" while the box still shows the typed text, and the save
// fails with the server's "Invalid time format". It reads "9.30" as 09:00. Its DatePicker reads
// typed text only in the exact locale pattern: "2026-03-14" becomes 20.12.2026, an impossible
// "31.02.2026" becomes 01.02.2026 without a word, and Escape on a closed calendar (the habit after
// Enter) erases the date. Both are in the design system's internals, which an app cannot patch.
//
// Why `app.addFields` and not a custom field: it is the admin's own registry of inputs by attribute
// type (the upload plugin puts its media input there), so the schemas keep `type: "date"` and
// `type: "time"`: no migration, Strapi's server validation, the REST API, the export and the site
// stay as they were, and every date and time field of every type gets the same input.
//
// A text box that accepts what people type (parse.ts), shows the value back as 14.03.2026 or 09:30,
// and says in Polish what it cannot read, keeping the text. Mouse users keep a calendar: the
// browser's own date picker, opened from the button beside the box.

interface InputProps {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  labelAction?: React.ReactNode;
  placeholder?: string;
}

const COLORS = { text: '#32324d', hint: '#666687', border: '#dcdce4', focus: '#4945ff', danger: '#d02b20', disabledBg: '#eaeaef' };

function PolishDateTimeInput({ kind, name, label, hint, required, disabled, labelAction }: InputProps & { kind: 'date' | 'time' }) {
  const field = useField(name);
  const focusRef = useFocusInputField<HTMLInputElement>(name);
  const parse: (text: string) => Parsed = kind === 'date' ? parseDate : parseTime;
  const stored = field.value as unknown;
  const [text, setText] = React.useState(() => displayValue(kind, stored));
  const [problem, setProblem] = React.useState<string | null>(null);
  const picker = React.useRef<HTMLInputElement>(null);
  const id = React.useId();

  // A value set from outside (the entry loaded, the form reset, the calendar) replaces the text,
  // unless the text already means that value (typing "9:30" must not jump to "09:30" mid-word).
  React.useEffect(() => {
    const current = parse(text);
    const same = current.kind === 'ok' ? current.value === stored : current.kind === 'empty' ? stored == null || stored === '' : text === stored;
    if (!same) {
      setText(displayValue(kind, stored));
      setProblem(null);
    }
    // Only a change of the stored value counts here; the text is the editor's.
  }, [stored]);

  /** Puts the typed text into the form: the stored form when it reads, else the text itself, so it is never lost. */
  const commit = (value: string, normalise: boolean) => {
    const parsed = parse(value);
    if (parsed.kind === 'empty') {
      setProblem(null);
      if (stored != null && stored !== '') field.onChange(name, null);
    } else if (parsed.kind === 'ok') {
      setProblem(null);
      if (parsed.value !== stored) field.onChange(name, parsed.value);
      if (normalise) setText(parsed.display);
    } else {
      // Kept as typed: the form is not saved with an older value behind the editor's back, and
      // the server refuses the text with a Polish message on this field if it is saved anyway.
      if (normalise) setProblem(parsed.message);
      if (value.trim() !== stored) field.onChange(name, value.trim());
    }
  };

  const openCalendar = () => {
    const input = picker.current;
    if (!input) return;
    const parsed = parseDate(text);
    input.value = parsed.kind === 'ok' ? parsed.value : '';
    try {
      input.showPicker();
    } catch {
      input.focus();
    }
  };

  const error = problem ?? (typeof field.error === 'string' ? field.error : null);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-cus-field={kind}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        <label htmlFor={id} style={{ fontSize: '1.2rem', fontWeight: 600, lineHeight: 1.33, color: COLORS.text }}>
          {label}
          {required ? <span style={{ color: COLORS.danger }}>*</span> : null}
        </label>
        {labelAction}
      </div>
      <div style={{ display: 'flex', gap: 4 }}>
        <input
          ref={focusRef}
          id={id}
          name={name}
          type="text"
          inputMode="text"
          autoComplete="off"
          placeholder={kind === 'date' ? 'dd.mm.rrrr' : 'gg:mm'}
          aria-required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
            commit(event.target.value, false);
          }}
          onBlur={(event) => commit(event.target.value, true)}
          onKeyDown={(event) => {
            // Enter reads the text; it neither submits the form nor drops what was typed.
            if (event.key === 'Enter') {
              event.preventDefault();
              commit(event.currentTarget.value, true);
            }
          }}
          style={{
            flex: 1,
            minWidth: 0,
            height: '4rem',
            padding: '0 1.6rem',
            fontSize: '1.4rem',
            color: COLORS.text,
            background: disabled ? COLORS.disabledBg : '#fff',
            border: `1px solid ${error ? COLORS.danger : COLORS.border}`,
            borderRadius: 4,
            outlineColor: COLORS.focus,
          }}
        />
        {kind === 'date' ? (
          <span style={{ position: 'relative', display: 'inline-flex' }}>
            <button
              type="button"
              onClick={openCalendar}
              disabled={disabled}
              aria-label="Wybierz datę z kalendarza"
              title="Wybierz datę z kalendarza"
              style={{ width: '4rem', height: '4rem', border: `1px solid ${COLORS.border}`, borderRadius: 4, background: '#fff', cursor: 'pointer' }}
            >
              <svg width="16" height="16" viewBox="0 0 32 32" aria-hidden="true" fill="#666687">
                <path d="M26 4h-3V3a1 1 0 0 0-2 0v1H11V3a1 1 0 0 0-2 0v1H6a2 2 0 0 0-2 2v20a2 2 0 0 0 2 2h20a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2ZM9 6v1a1 1 0 0 0 2 0V6h10v1a1 1 0 0 0 2 0V6h3v4H6V6h3Zm17 20H6V12h20v14Z" />
              </svg>
            </button>
            {/* The browser's calendar, for the button above; never focused or read by itself. */}
            <input
              ref={picker}
              type="date"
              tabIndex={-1}
              aria-hidden="true"
              min="1900-01-01"
              max="2099-12-31"
              onChange={(event) => {
                const parsed = parseDate(event.target.value);
                if (parsed.kind !== 'ok') return;
                setText(parsed.display);
                commit(parsed.value, true);
              }}
              style={{ position: 'absolute', inset: 0, opacity: 0, pointerEvents: 'none', width: '100%', height: '100%' }}
            />
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} style={{ margin: 0, fontSize: '1.2rem', lineHeight: 1.33, color: COLORS.hint }}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" data-strapi-field-error style={{ margin: 0, fontSize: '1.2rem', lineHeight: 1.33, color: COLORS.danger }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const DateField = (props: InputProps) => <PolishDateTimeInput kind="date" {...props} />;
const TimeField = (props: InputProps) => <PolishDateTimeInput kind="time" {...props} />;

/** For `app.addFields`: the inputs of the `date` and `time` attribute types. */
export const POLISH_DATE_TIME_FIELDS = [
  // The content manager renders them with the field's props (name, label, hint…); the registry's type says no props.
  { type: 'date', Component: DateField as React.ComponentType },
  { type: 'time', Component: TimeField as React.ComponentType },
];
