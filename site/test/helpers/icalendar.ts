// RFC 5545 by hand, where parsers are lenient (ical.js accepts a missing final CRLF and a
// calendar with no component): the problems of one .ics file, each as a sentence naming the
// line; an empty list for a valid file.

const MAX_LINE_OCTETS = 75;
/** TEXT values (RFC 5545 3.3.11): ";" "," and "\" appear only escaped. */
const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'NAME', 'X-WR-CALNAME', 'X-WR-CALDESC', 'COMMENT']);
const ESCAPED_TEXT = /^(?:[^\\;,]|\\[\\;,nN])*$/;
const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;
const DATE = /^\d{8}$/;
const DATE_TIME = /^\d{8}T\d{6}Z?$/;
/** Control characters other than HTAB are not allowed in a value (RFC 5545 3.1). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
  /** Physical line number (1-based) where it starts. */
  line: number;
}

export interface ParsedCalendar {
  problems: string[];
  /** Every VEVENT's properties, by name (first value). */
  events: Map<string, ContentLine>[];
}

export function checkICalendar(bytes: Buffer): ParsedCalendar {
  const problems: string[] = [];
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) problems.push('is not valid UTF-8');
  if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
  const physical = text.split('\r\n');
  if (physical.at(-1) === '') physical.pop();
  physical.forEach((l, i) => {
    if (/[\r\n]/.test(l)) problems.push(`line ${i + 1}: a bare CR or LF (lines end with CRLF only)`);
    const octets = Buffer.byteLength(l, 'utf8');
    if (octets > MAX_LINE_OCTETS) problems.push(`line ${i + 1}: ${octets} octets, more than ${MAX_LINE_OCTETS} without folding`);
  });

  // Unfold: a line starting with a space or tab continues the previous one.
  const logical: { text: string; line: number }[] = [];
  physical.forEach((l, i) => {
    if ((l.startsWith(' ') || l.startsWith('\t')) && logical.length > 0) logical.at(-1)!.text += l.slice(1);
    else logical.push({ text: l, line: i + 1 });
  });
  const lines: ContentLine[] = [];
  for (const { text: l, line } of logical) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(l);
    if (!m) {
      problems.push(`line ${line}: not a content line: ${JSON.stringify(l.slice(0, 60))}`);
      continue;
    }
    const params = Object.fromEntries([...m[2]!.matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;]*)/g)].map((p) => [p[1]!.toUpperCase(), p[2]!]));
    const c = { name: m[1]!.toUpperCase(), params, value: m[3]!, line };
    if (CONTROL.test(c.value)) problems.push(`line ${line}: ${c.name} holds a control character`);
    if (TEXT_PROPERTIES.has(c.name) && !ESCAPED_TEXT.test(c.value)) problems.push(`line ${line}: ${c.name} has an unescaped ";", "," or "\\"`);
    lines.push(c);
  }

  // Structure: VCALENDAR, its properties (VERSION and PRODID once), then at least one component.
  const events: Map<string, ContentLine>[] = [];
  const first = lines[0];
  const last = lines.at(-1);
  if (first?.name !== 'BEGIN' || first.value !== 'VCALENDAR') problems.push('does not start with BEGIN:VCALENDAR');
  if (last?.name !== 'END' || last.value !== 'VCALENDAR') problems.push('does not end with END:VCALENDAR');
  const stack: string[] = [];
  let components = 0;
  let current: Map<string, ContentLine> | null = null;
  let currentCounts = new Map<string, number>();
  const calendarProps = new Map<string, number>();
  for (const c of lines) {
    if (c.name === 'BEGIN') {
      if (stack.length === 0 && c.value !== 'VCALENDAR') problems.push(`line ${c.line}: ${c.value} outside VCALENDAR`);
      if (stack.length === 1) components++;
      stack.push(c.value);
      if (c.value === 'VEVENT') {
        current = new Map();
        currentCounts = new Map();
      }
      continue;
    }
    if (c.name === 'END') {
      const open = stack.pop();
      if (open !== c.value) problems.push(`line ${c.line}: END:${c.value} closes ${open ?? 'nothing'}`);
      if (c.value === 'VEVENT' && current) {
        problems.push(...veventProblems(current, currentCounts, c.line));
        events.push(current);
        current = null;
      }
      continue;
    }
    if (stack.length === 1) {
      if (components > 0) problems.push(`line ${c.line}: calendar property ${c.name} after a component`);
      calendarProps.set(c.name, (calendarProps.get(c.name) ?? 0) + 1);
    } else if (current && stack.at(-1) === 'VEVENT') {
      if (!current.has(c.name)) current.set(c.name, c);
      currentCounts.set(c.name, (currentCounts.get(c.name) ?? 0) + 1);
    }
  }
  if (stack.length > 0) problems.push(`${stack.join(' > ')} is never closed`);
  for (const name of ['VERSION', 'PRODID']) {
    if (calendarProps.get(name) !== 1) problems.push(`the calendar has ${calendarProps.get(name) ?? 0} ${name} properties (exactly one is required)`);
  }
  if (lines.find((c) => c.name === 'VERSION')?.value !== '2.0') problems.push('VERSION is not 2.0');
  if (components === 0) problems.push('the calendar has no component (RFC 5545 requires at least one)');

  const uids = events.map((e) => e.get('UID')?.value);
  const repeated = uids.filter((u, i) => u !== undefined && uids.indexOf(u) !== i);
  if (repeated.length > 0) problems.push(`UIDs used twice: ${[...new Set(repeated)].join(', ')}`);
  return { problems, events };
}

function veventProblems(e: Map<string, ContentLine>, counts: Map<string, number>, endLine: number): string[] {
  const out: string[] = [];
  const at = `VEVENT ending on line ${endLine}`;
  for (const name of ['UID', 'DTSTAMP', 'DTSTART']) {
    if (counts.get(name) !== 1) out.push(`${at}: ${counts.get(name) ?? 0} ${name} properties (exactly one is required)`);
  }
  for (const [name, n] of counts) {
    if (n > 1 && !['CATEGORIES', 'ATTACH', 'ATTENDEE', 'COMMENT', 'CONTACT', 'RELATED-TO', 'RESOURCES', 'RDATE', 'EXDATE'].includes(name) && !name.startsWith('X-')) {
      out.push(`${at}: ${name} appears ${n} times`);
    }
  }
  if (e.has('DTEND') && e.has('DURATION')) out.push(`${at}: both DTEND and DURATION`);
  const stamp = e.get('DTSTAMP')?.value;
  if (stamp && !UTC_DATE_TIME.test(stamp)) out.push(`${at}: DTSTAMP ${stamp} is not a UTC date-time`);
  const start = e.get('DTSTART');
  const end = e.get('DTEND');
  const isDate = (c: ContentLine) => c.params.VALUE === 'DATE';
  for (const c of [start, end]) {
    if (c && !(isDate(c) ? DATE : DATE_TIME).test(c.value)) out.push(`${at}: ${c.name} ${c.value} is not a ${isDate(c) ? 'DATE' : 'DATE-TIME'}`);
  }
  if (start && end) {
    if (isDate(start) !== isDate(end)) out.push(`${at}: DTSTART and DTEND are not of the same value type`);
    else if (end.value <= start.value) out.push(`${at}: DTEND ${end.value} is not after DTSTART ${start.value}`);
  }
  const url = e.get('URL')?.value;
  if (url !== undefined && !URL.canParse(url)) out.push(`${at}: URL ${url} is not a URI`);
  return out;
}
