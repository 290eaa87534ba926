// Reads a webhook body as it streams in, keeping only what decides whether to build: the
// top-level `event`, `model` and `uid`, and `publishedAt`, `slug`, `documentId`, `title` and
// `name` of `entry`. Strapi puts the whole entry into the body (a long report makes megabytes),
// so the body is never buffered or handed to JSON.parse: memory stays bounded whatever is sent,
// nesting is bounded, and anything that is not JSON ends the scan with an error, never a throw.

export interface ScannedEntry {
  publishedAt?: string | null;
  slug?: string;
  documentId?: string;
  title?: string;
  name?: string;
}

export interface ScannedWebhook {
  event?: string;
  model?: string;
  uid?: string;
  /** null when the body says `"entry": null`; absent when it has no entry (or it is not an object). */
  entry?: ScannedEntry | null;
}

export interface ScanResult {
  payload: ScannedWebhook;
  /** What made the body unreadable (what was read before it stays in `payload`). */
  error?: string;
  /** The body's top-level value is not an object (null, an array, a number, a string…). */
  notAnObject?: boolean;
  bytes: number;
}

const TOP_KEYS = new Set(['event', 'model', 'uid']);
const ENTRY_KEYS = new Set(['publishedAt', 'slug', 'documentId', 'title', 'name']);
/** Longest kept string (a slug or title beyond it is cut); longer strings are skipped, not stored. */
const MAX_KEPT_CHARS = 512;
export const MAX_DEPTH = 512;

// Byte values.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isScalarByte = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x45;
const SCALAR = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const ESCAPES: Record<number, number> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

type Expect = 'value' | 'key' | 'keyOrEnd' | 'valueOrEnd' | 'colon' | 'commaOrEnd' | 'done';
/** What a string being read is: a key, a value we keep, or a value we skip. */
type StringRole = 'key' | 'keep' | 'skip';

export class WebhookScanner {
  private readonly payload: ScannedWebhook = {};
  private error: string | undefined;
  private notAnObject = false;
  private bytes = 0;
  /** true = object, false = array; never deeper than MAX_DEPTH. */
  private readonly stack: boolean[] = [];
  private expect: Expect = 'value';
  /** The current key at depth 1 (top level) and at depth 2 inside `entry`. */
  private topKey = '';
  private entryKey = '';
  // String being read.
  private inString = false;
  private role: StringRole = 'skip';
  private text: number[] = [];
  private overflow = false;
  private escape = false;
  private unicode = -1; // hex digits still expected of a \u escape; -1: none
  private codeUnit = 0;
  private pendingHigh = -1;
  // Number or literal being read.
  private scalar = '';

  get failed(): boolean {
    return this.error !== undefined;
  }

  write(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (let i = 0; i < chunk.length && this.error === undefined; i++) this.byte(chunk[i]!);
  }

  end(): ScanResult {
    if (this.error === undefined) {
      if (this.scalar) this.finishScalar();
      if (this.error === undefined) {
        if (this.inString) this.fail('the body ends inside a string');
        else if (this.stack.length > 0) this.fail('the body ends before its last object or array is closed');
        else if (this.expect !== 'done' && this.bytes > 0) this.fail('the body holds no JSON value');
      }
    }
    return { payload: this.payload, bytes: this.bytes, ...(this.error !== undefined ? { error: this.error } : {}), ...(this.notAnObject ? { notAnObject: true } : {}) };
  }

  private fail(why: string): void {
    this.error ??= why;
  }

  private byte(b: number): void {
    if (this.inString) return this.stringByte(b);
    if (this.scalar) {
      if (isScalarByte(b)) {
        this.scalar += String.fromCharCode(b);
        if (this.scalar.length > 64) this.fail('a number or literal is too long');
        return;
      }
      this.finishScalar();
      if (this.error !== undefined) return;
    }
    if (isSpace(b)) return;
    switch (this.expect) {
      case 'done':
        return this.fail('there is more after the JSON value');
      case 'colon':
        if (b !== COLON) return this.fail('a key is not followed by ":"');
        this.expect = 'value';
        return;
      case 'commaOrEnd':
        if (b === COMMA) {
          this.expect = this.stack.at(-1) ? 'key' : 'value';
          return;
        }
        return this.close(b);
      case 'key':
      case 'keyOrEnd':
        if (b === QUOTE) return this.startString('key');
        if (this.expect === 'keyOrEnd') return this.close(b);
        return this.fail('an object key is not a string');
      case 'valueOrEnd':
        if (b === CLOSE_ARR) return this.close(b);
        return this.value(b);
      case 'value':
        return this.value(b);
    }
  }

  /** The depth of the value about to start (0: the body itself). */
  private get depth(): number {
    return this.stack.length;
  }

  private value(b: number): void {
    if (this.depth === 0 && b !== OPEN_OBJ) this.notAnObject = true;
    if (b === OPEN_OBJ || b === OPEN_ARR) {
      if (this.stack.length >= MAX_DEPTH) return this.fail(`nested deeper than ${MAX_DEPTH} levels`);
      const isObject = b === OPEN_OBJ;
      if (this.depth === 1 && this.topKey === 'entry') this.payload.entry = isObject ? {} : undefined;
      this.stack.push(isObject);
      this.expect = isObject ? 'keyOrEnd' : 'valueOrEnd';
      return;
    }
    if (b === QUOTE) return this.startString(this.keeps() ? 'keep' : 'skip');
    if (isScalarByte(b)) {
      this.scalar = String.fromCharCode(b);
      return;
    }
    this.fail(`unexpected byte 0x${b.toString(16).padStart(2, '0')}`);
  }

  /** Is the value about to be read one we keep? */
  private keeps(): boolean {
    if (this.depth === 1) return this.stack[0] === true && TOP_KEYS.has(this.topKey);
    return this.depth === 2 && this.stack[0] === true && this.stack[1] === true && this.topKey === 'entry' && this.payload.entry != null && ENTRY_KEYS.has(this.entryKey);
  }

  private close(b: number): void {
    const isObject = this.stack.at(-1);
    if (isObject === undefined || (isObject ? b !== CLOSE_OBJ : b !== CLOSE_ARR)) return this.fail(`unexpected byte 0x${b.toString(16).padStart(2, '0')}`);
    this.stack.pop();
    this.valueDone();
  }

  private valueDone(): void {
    this.expect = this.stack.length === 0 ? 'done' : 'commaOrEnd';
  }

  private finishScalar(): void {
    const s = this.scalar;
    this.scalar = '';
    if (!SCALAR.test(s)) return this.fail(`"${s.slice(0, 20)}" is not a JSON value`);
    // `"entry": null`, `"publishedAt": null` are meaningful; other scalars where a kept string belongs are not kept.
    if (s === 'null') {
      if (this.depth === 1 && this.stack[0] === true && this.topKey === 'entry') this.payload.entry = null;
      else if (this.keeps() && this.entryKey === 'publishedAt' && this.payload.entry) this.payload.entry.publishedAt = null;
    }
    this.valueDone();
  }

  private startString(role: StringRole): void {
    this.inString = true;
    this.role = role;
    this.text = [];
    this.overflow = false;
    this.escape = false;
    this.unicode = -1;
    this.pendingHigh = -1;
  }

  private push(unit: number): void {
    if (this.role === 'skip') return;
    if (this.text.length >= MAX_KEPT_CHARS * 4) {
      this.overflow = true;
      return;
    }
    this.text.push(unit);
  }

  private stringByte(b: number): void {
    if (this.unicode >= 0) {
      const hex = b <= 0x7f ? parseInt(String.fromCharCode(b), 16) : Number.NaN;
      if (Number.isNaN(hex)) return this.fail('a \\u escape is not 4 hex digits');
      this.codeUnit = this.codeUnit * 16 + hex;
      if (--this.unicode === 0) {
        this.unicode = -1;
        this.pushCodeUnit(this.codeUnit);
      }
      return;
    }
    if (this.escape) {
      this.escape = false;
      if (b === 0x75) {
        this.unicode = 4;
        this.codeUnit = 0;
        return;
      }
      const e = ESCAPES[b];
      if (e === undefined) return this.fail('an unknown escape in a string');
      return this.pushCodeUnit(e);
    }
    if (b === BACKSLASH) {
      this.escape = true;
      return;
    }
    if (b === QUOTE) return this.endString();
    if (b < 0x20) return this.fail('a control character inside a string');
    // UTF-8 bytes are kept as bytes (marked) and decoded at the end, invalid ones as U+FFFD.
    this.push(b | 0x10000);
  }

  /** A UTF-16 code unit from an escape, pairing surrogates. */
  private pushCodeUnit(unit: number): void {
    if (unit >= 0xd800 && unit <= 0xdbff) {
      this.pendingHigh = unit;
      return;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff && this.pendingHigh >= 0) {
      const cp = 0x10000 + ((this.pendingHigh - 0xd800) << 10) + (unit - 0xdc00);
      this.pendingHigh = -1;
      return this.push(cp | 0x200000);
    }
    this.pendingHigh = -1;
    this.push(unit | 0x200000);
  }

  private decoded(): string {
    let out = '';
    let bytes: number[] = [];
    const flush = () => {
      if (bytes.length) out += new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
      bytes = [];
    };
    for (const u of this.text) {
      if (u & 0x200000) {
        flush();
        out += String.fromCodePoint(u & 0x1fffff);
      } else bytes.push(u & 0xff);
    }
    flush();
    // Kept values reach the log: no control character may forge a line there.
    return out.replace(/[\p{Cc}\u2028\u2029]/gu, '\ufffd').slice(0, MAX_KEPT_CHARS);
  }

  private endString(): void {
    this.inString = false;
    if (this.role === 'key') {
      const key = this.overflow ? '' : this.decoded();
      if (this.depth === 1) this.topKey = key;
      else if (this.depth === 2 && this.topKey === 'entry') this.entryKey = key;
      this.expect = 'colon';
      return;
    }
    if (this.role === 'keep') {
      const value = this.decoded();
      if (this.depth === 1) this.payload[this.topKey as 'event' | 'model' | 'uid'] = value;
      else if (this.payload.entry) this.payload.entry[this.entryKey as 'slug'] = value;
    }
    this.valueDone();
  }
}

/** Scans a whole body at once (tests, small bodies). */
export function scanWebhook(body: Uint8Array | string): ScanResult {
  const scanner = new WebhookScanner();
  scanner.write(typeof body === 'string' ? new TextEncoder().encode(body) : body);
  return scanner.end();
}
