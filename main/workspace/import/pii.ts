// PII detection (header words + value patterns on the sample) and keyed pseudonymisation.
import { createHmac, hash } from 'node:crypto';
import type { ColumnType, PiiKind } from '../../../shared/domain';
import type { ColumnStats } from './infer-types';
import { ownCopy } from '../own-string';

/**
 * Split a header into lower-case words: "customerEmail" / "E-mail address" / "case:concept:name". Accents are
 * dropped first, so "Prénom" and "Straße" are words ("prenom", "strasse") rather than fragments.
 */
export function headerWords(header: string): string[] {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d\s().-]{7,22}$/;
const PERSON_NAME = /^\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’.-]*){0,3}$/u;
/** Two to four words of letters (any case: "miguel hernandez", "Anne-Marie O'Neil", "JOSÉ DA SILVA"). */
const NAME_LIKE = /^\p{L}[\p{L}'’.-]*(?:\s+\p{L}[\p{L}'’.-]*){1,3}$/u;
/** Two to four capitalised words, with the usual lower-case particles between them ("Jan de Vries", "Liam O'Neil"). */
const CAPITALISED_NAME = /^\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|le|la|ter|ten|y|e)\s+)?\p{Lu}[\p{L}'’.-]*){1,3}$/u;
/** One word of letters: a first name or a surname alone ("miguel", "O'Neil", "García-Márquez"). */
const ONE_NAME_WORD = /^\p{L}[\p{L}'’-]{1,30}$/u;
/** A letters-then-digits code (A191, F3, CF10A, B2B): never a phone number or a name, whatever the header says. */
const CODE = /^\(?[A-Za-z]{1,4}[\s-]?\d{1,6}[A-Za-z]?\)?$/;
const ADDRESS = /^\d+[a-z]?\s+\S.*\b(st|street|ave|avenue|rd|road|blvd|boulevard|lane|ln|dr|drive|way|ct|court|pl|place|sq|square|rua|strasse|straße|weg)\b/i;
// Postal codes whose shape cannot be mistaken for a number or a code of another kind: UK ("EC1A 1BB",
// "M1 1AE", "GIR 0AA"), Canada ("K1A 0B1") and US ZIP+4 ("02134-1234"). A bare 5-digit value is not in this
// list: it is as often an amount or an id as a ZIP, so a ZIP column is recognised by its header only.
const POSTCODE = /^(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|GIR\s?0AA|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{5}-\d{4})$/i;
/** Header words (or joined words) that name a postal code: postcode, post_code, postal_code, zip, zipcode, PLZ. */
const POSTCODE_WORDS = new Set(['postcode', 'postcodes', 'postalcode', 'zip', 'zipcode', 'zipcodes', 'plz', 'postleitzahl']);

/**
 * Headers that name a person's name, in English, German, French, Spanish, Italian, Dutch and Portuguese (accents
 * dropped, words joined): first/last/given/family/full/middle/maiden name, surname, forename; Vorname, Nachname,
 * Familienname; prénom, nom de famille; nombre completo, apellido(s); cognome, nome completo; voornaam, achternaam;
 * sobrenome, nome completo.
 */
const NAME_HEADERS = [
  'firstname', 'lastname', 'surname', 'surnames', 'fullname', 'givenname', 'givennames', 'familyname', 'forename', 'forenames', 'middlename', 'maidenname', 'lastnames', 'firstnames',
  'vorname', 'vornamen', 'nachname', 'familienname', 'geburtsname', 'rufname',
  'prenom', 'prenoms', 'nomdefamille', 'nomcomplet', 'nomdenaissance',
  'apellido', 'apellidos', 'nombrecompleto', 'primerapellido', 'segundoapellido',
  'cognome', 'nomecompleto', 'nomeecognome',
  'voornaam', 'achternaam', 'familienaam', 'tussenvoegsel', 'voornamen',
  'sobrenome', 'apelido',
];
/** A header word for "name" itself, in the same languages: needs a qualifier (customer, first …) or name-like values. */
const NAME_WORDS = new Set(['name', 'names', 'nom', 'nombre', 'nome', 'naam']);
/** Headers that are only "first" or "last" (ProPublica's COMPAS): a name part when the values are single words. */
const NAME_PART_WORDS = new Set(['first', 'last', 'given', 'family', 'middle']);
/** Date of birth: dob, birth date/day, born; Geburtsdatum/-tag, geboren; date de naissance; fecha de nacimiento; data di nascita; geboortedatum; data de nascimento. */
const BIRTH_WORDS = new Set(['dob', 'birthdate', 'birthday', 'birth', 'born', 'geburtsdatum', 'geburtstag', 'geboren', 'naissance', 'nacimiento', 'nascita', 'geboortedatum', 'geboortedag', 'nascimento', 'ddn']);
/** "birth" words that are not a birth date: place, country, weight … of birth. */
const NOT_BIRTH_DATE = new Set(['place', 'country', 'city', 'town', 'weight', 'order', 'rate', 'control', 'lieu', 'pays', 'lugar', 'luogo', 'ort', 'land', 'plaats']);
/** In free text: an honorific and a capitalised name, or a person introducing themselves, in the seven languages. */
const PERSON_IN_TEXT =
  /\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Monsieur|Madame|Sr|Sra|Srta|Don|Doña|Sig|Sig\.ra|Signor|Signora|Dhr|Mevr|Mevrouw|Meneer)\.?\s+\p{Lu}\p{Ll}+|\b(?:[Mm]y name is|[Ii]ch hei(?:ss|ß)e|[Mm]ein Name ist|[Jj]e m'appelle|[Mm]e llamo|[Mm]i nombre es|[Mm]i chiamo|[Mm]ijn naam is|[Mm]eu nome [ée]|[Cc]hamo-me)\s+\p{Lu}\p{Ll}+/u;
const EMAIL_IN_TEXT = /[^\s@,;<>]+@[^\s@,;<>]+\.[a-z]{2,}/i;
/** A phone number inside text: digit groups with separators ("+44 20 7946 0958", "(555) 123-4567", "06-12345678"). */
const PHONE_IN_TEXT = /(?:^|[\s:(])\+?\(?\d{1,4}\)?[\s.-]\d{2,5}[\s.-]\d{2,5}(?:[\s.-]\d{2,5})?(?=$|[\s.,;)])/;
const NOT_PERSON = new Set(['product', 'company', 'city', 'state', 'country', 'file', 'concept', 'category', 'brand', 'store', 'shop', 'campaign', 'event', 'step', 'activity', 'team', 'group', 'org', 'department', 'plan', 'channel', 'seller', 'street', 'score', 'charge', 'offense', 'assessment', 'test', 'model', 'segment', 'variable', 'column', 'field', 'host', 'domain', 'server', 'device', 'app', 'page', 'screen', 'course', 'item']);
const NAME_QUALIFIERS = new Set(['first', 'last', 'full', 'given', 'family', 'customer', 'contact', 'person', 'client', 'user', 'middle', 'owner', 'holder', 'agent', 'patient', 'employee', 'member', 'student', 'kunde', 'cliente', 'klant', 'utente', 'usuario']);

function share(values: string[], test: (v: string) => boolean): number {
  if (values.length === 0) return 0;
  let k = 0;
  for (const v of values) if (test(v)) k++;
  return k / values.length;
}

function pct(x: number): string {
  return `${Math.round(100 * x)}%`;
}

/**
 * A phone number by its value: 7–15 digits with phone-like formatting (a leading '+', spaces, dashes or
 * brackets), never a date and never a letters+digits code such as A191 (the PHONE pattern allows no letters).
 */
export function looksLikePhone(v: string): boolean {
  if (!PHONE.test(v)) return false;
  let digits = 0;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) >= 48 && v.charCodeAt(i) <= 57) digits++;
  return digits >= 7 && digits <= 15 && (v[0] === '+' || /[\s()-]/.test(v)) && !/^\d{4}-\d{2}-\d{2}/.test(v);
}

/** Share of distinct values in the sample (1 = all differ): names mostly differ, categories repeat. */
function distinctShare(values: string[]): number {
  return values.length === 0 ? 0 : new Set(values.map((v) => v.toLowerCase())).size / values.length;
}

/** Values like people's names: mostly two to four words of letters, mostly distinct (categories repeat). */
function nameLikeValues(values: string[]): { share: number; distinct: number } {
  return { share: share(values, (v) => NAME_LIKE.test(v) || PERSON_NAME.test(v)), distinct: distinctShare(values) };
}

export interface PiiDetection {
  kind: PiiKind;
  /** Which rule fired, in words, shown in the import preview and kept in the plan. */
  reason: string;
}

/** The PII kind a column looks like, or null (see detectPiiWithReason for the rules). */
export function detectPii(header: string, stats: ColumnStats, type: ColumnType): PiiKind | null {
  return detectPiiWithReason(header, stats, type)?.kind ?? null;
}

/**
 * Personal data by header (in English, German, French, Spanish, Italian, Dutch and Portuguese) and by the shape
 * of the sampled values, with the rule that fired. Numeric columns are never PII by value alone; flags never are.
 */
export function detectPiiWithReason(header: string, stats: ColumnStats, type: ColumnType): PiiDetection | null {
  // Flags carry no identity whatever their header says (Telco's "PhoneService" is Yes/No).
  if (type === 'boolean') return null;
  const w = headerWords(header);
  const has = (...xs: string[]): boolean => xs.some((x) => w.includes(x));
  const joined = w.join('');
  const vals = stats.examples;
  const textual = type === 'text';
  const found = (kind: PiiKind, reason: string): PiiDetection => ({ kind, reason });
  const codes = share(vals, (v) => CODE.test(v));

  // A date of birth is a quasi-identifier: with a postcode and a gender it singles out most people.
  if (w.some((x) => BIRTH_WORDS.has(x)) && !w.some((x) => NOT_BIRTH_DATE.has(x)) && (type === 'date' || type === 'datetime' || textual)) {
    return found('birthdate', `header "${header}" names a date of birth`);
  }
  if ((joined.includes('dateofbirth') || joined.includes('birthdate') || joined.includes('fechadenacimiento') || joined.includes('datadinascita') || joined.includes('datadenascimento') || joined.includes('datedenaissance')) && type !== 'integer' && type !== 'real') {
    return found('birthdate', `header "${header}" names a date of birth`);
  }
  // Other dates carry no identity by themselves.
  if (type === 'date' || type === 'datetime') return null;

  if (has('email', 'mail') || (w.includes('e') && w.includes('mail'))) return found('email', `header "${header}" names an e-mail address`);
  if (textual && share(vals, (v) => EMAIL.test(v)) >= 0.5) return found('email', `${pct(share(vals, (v) => EMAIL.test(v)))} of sampled values are e-mail addresses`);
  if (has('phone', 'telephone', 'tel', 'mobile', 'cell', 'fax', 'msisdn', 'telefon', 'telefono', 'telefone', 'handy', 'portable', 'movil', 'cellulare', 'telefoonnummer', 'telefoon', 'telemovel')) {
    // A phone header over codes ("telephone: A191/A192" in the German credit data) or a handful of repeated values is a category, not a number.
    if (codes >= 0.5 || (vals.length >= 20 && distinctShare(vals) < 0.1)) return null;
    return found('phone', `header "${header}" names a phone number`);
  }
  // Before the phone pattern, which a ZIP+4 ("02134-1234": 9 digits and a dash) also fits.
  if (textual && share(vals, (v) => POSTCODE.test(v.trim())) >= 0.8) return found('address', `${pct(share(vals, (v) => POSTCODE.test(v.trim())))} of sampled values are postcodes (UK, Canadian or ZIP+4)`);
  if (textual && share(vals, looksLikePhone) >= 0.8) return found('phone', `${pct(share(vals, looksLikePhone))} of sampled values are phone numbers (7+ digits with phone formatting)`);
  if (has('address', 'addr', 'street', 'adresse', 'anschrift', 'strasse', 'direccion', 'calle', 'indirizzo', 'adres', 'straat', 'endereco', 'morada', 'rua') && !has('ip', 'mac', 'email')) {
    return found('address', `header "${header}" names a postal address`);
  }
  if (textual && share(vals, (v) => ADDRESS.test(v)) >= 0.5) return found('address', `${pct(share(vals, (v) => ADDRESS.test(v)))} of sampled values are street addresses`);
  // A postcode is part of an address and a quasi-identifier: with a birth date and a gender it singles out
  // most people, and a postcode group is often a handful of customers. Reported as the 'address' kind.
  if (w.some((x, i) => POSTCODE_WORDS.has(x) || ((x === 'post' || x === 'postal') && w[i + 1] === 'code') || (x === 'code' && w[i + 1] === 'postal') || x === 'codigopostal')) {
    return found('address', `header "${header}" names a postal code`);
  }

  const notPerson = w.some((x) => NOT_PERSON.has(x));
  if (!notPerson && NAME_HEADERS.some((x) => joined.includes(x))) return found('name', `header "${header}" names a person's name`);
  if (!notPerson && w.some((x) => NAME_WORDS.has(x))) {
    if (w.some((x) => NAME_QUALIFIERS.has(x))) return found('name', `header "${header}" names a person's name`);
    // A bare "name" header: only when the values look like people's names.
    const v = nameLikeValues(vals);
    if (textual && v.share >= 0.6 && v.distinct >= 0.5) return found('name', `header "${header}" and ${pct(v.share)} of sampled values look like people's names (two or more words of letters, ${pct(v.distinct)} distinct)`);
  }
  // "first" / "last" alone (COMPAS): single words of letters, mostly distinct — a first name or a surname.
  if (textual && w.length === 1 && NAME_PART_WORDS.has(w[0])) {
    const one = share(vals, (v) => ONE_NAME_WORD.test(v));
    if (one >= 0.8 && distinctShare(vals) >= 0.3) return found('name', `header "${header}" with single words of letters (${pct(one)}, ${pct(distinctShare(vals))} distinct): a name part`);
  }
  // By value alone: two capitalised words, mostly distinct ("Ann Smith", "José García"), under any header.
  if (textual && !notPerson && vals.length >= 10) {
    const cap = share(vals, (v) => CAPITALISED_NAME.test(v));
    const distinct = distinctShare(vals);
    if (cap >= 0.8 && distinct >= 0.8) return found('name', `${pct(cap)} of sampled values are two or more capitalised words, ${pct(distinct)} distinct: people's names`);
  }
  // Free text (comments, notes) that names people or carries their contact details.
  // Free text is words: a long mean length and most values of three or more words (not ids or hashes).
  if (textual && stats.nonMissing > 0 && stats.totalLen / stats.nonMissing >= 20 && share(vals, (v) => v.split(/\s+/).length >= 3) >= 0.5) {
    const naming = vals.filter((v) => PERSON_IN_TEXT.test(v) || EMAIL_IN_TEXT.test(v) || PHONE_IN_TEXT.test(v)).length;
    if (naming >= 2 && naming / vals.length >= 0.05) {
      return found('freetext', `free text: ${naming} of ${vals.length} sampled values name a person or give an e-mail or phone number`);
    }
  }
  return null;
}

// ------------------------------------------------------------------ pseudonymisation

/**
 * HMAC-SHA256 of the trimmed value, as 'p_' + 16 hex chars (64 bits: collisions are negligible for any dataset
 * this app holds). The HMAC key is the workspace secret (32 bytes) in its 64-char hex form. Same secret → same token, so
 * joins across datasets of a workspace still work; irreversible without the secret, which never leaves the
 * workspace.
 *
 * Speed: createHmac() allocates a native object per call (~10 µs each), and even two one-shot crypto.hash()
 * calls per value (~0.8 µs) were a third of a 1M-row import with four PII columns. HMAC is
 * H((K^opad) || H((K^ipad) || m)), and K^ipad / K^opad are exactly one SHA-256 block each (the hex key is 64
 * bytes), so their compressed states are computed once here; a value of up to 55 UTF-8 bytes then costs two
 * compressions in plain JS (~0.3 µs) and no allocation but the token. Tests compare it with createHmac.
 */
export class Pseudonymizer {
  private readonly innerState: Int32Array;
  private readonly outerState: Int32Array;
  private readonly st = new Int32Array(8);
  private readonly w = new Int32Array(64);
  private buf = Buffer.alloc(256);

  constructor(secret: Buffer) {
    const key = Buffer.alloc(64);
    hmacKey(secret).copy(key);
    const ipad = Buffer.alloc(64);
    const opad = Buffer.alloc(64);
    for (let i = 0; i < 64; i++) {
      ipad[i] = key[i] ^ 0x36;
      opad[i] = key[i] ^ 0x5c;
    }
    this.innerState = Int32Array.from(H0);
    this.outerState = Int32Array.from(H0);
    this.loadBlock(ipad, 0);
    compress(this.innerState, this.w);
    this.loadBlock(opad, 0);
    compress(this.outerState, this.w);
  }

  /** The compressed K^ipad and K^opad states (copies), for the batch kernel (pii-batch.ts). */
  keyStates(): { inner: Int32Array; outer: Int32Array } {
    return { inner: this.innerState.slice(), outer: this.outerState.slice() };
  }

  token(value: string): string {
    const v = value.trim();
    // UTF-8 bytes of v, then SHA-256 padding for a message that follows the 64-byte K^ipad block.
    const need = v.length * 3 + 72;
    if (this.buf.length < need) this.buf = Buffer.alloc(need * 2);
    const buf = this.buf;
    let n = v.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      buf[i] = c;
    }
    if (!ascii) n = buf.write(v, 0, 'utf8');
    const blocks = ((n + 8) >>> 6) + 1;
    const end = blocks * 64;
    buf[n] = 0x80;
    buf.fill(0, n + 1, end - 4);
    buf.writeUInt32BE(((64 + n) * 8) >>> 0, end - 4);
    const st = this.st;
    const w = this.w;
    st.set(this.innerState);
    for (let off = 0; off < end; off += 64) {
      this.loadBlock(buf, off);
      compress(st, w);
    }
    // Outer: the 32-byte inner digest, 0x80, zeros, and the length (64 + 32 bytes = 768 bits).
    for (let i = 0; i < 8; i++) w[i] = st[i];
    w[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = 768;
    st.set(this.outerState);
    compress(st, w);
    const a = st[0];
    const b = st[1];
    return String.fromCharCode(
      112,
      95,
      HEX[(a >>> 28) & 15],
      HEX[(a >>> 24) & 15],
      HEX[(a >>> 20) & 15],
      HEX[(a >>> 16) & 15],
      HEX[(a >>> 12) & 15],
      HEX[(a >>> 8) & 15],
      HEX[(a >>> 4) & 15],
      HEX[a & 15],
      HEX[(b >>> 28) & 15],
      HEX[(b >>> 24) & 15],
      HEX[(b >>> 20) & 15],
      HEX[(b >>> 16) & 15],
      HEX[(b >>> 12) & 15],
      HEX[(b >>> 8) & 15],
      HEX[(b >>> 4) & 15],
      HEX[b & 15],
    );
  }

  private loadBlock(b: Uint8Array, off: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (b[j] << 24) | (b[j + 1] << 16) | (b[j + 2] << 8) | b[j + 3];
    }
  }
}

/** '0'-'9', 'a'-'f' as char codes. */
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

export const SHA256_K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** One SHA-256 compression of the block in w[0..16) into state h (FIPS 180-4, 6.2.2); w[16..64) is scratch. */
function compress(h: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let hh = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + hh) | 0;
}

/**
 * A token the batch kernel will compute (pii-batch.ts): its index in the batch's token string. One instance per
 * column, reused (no allocation per value); better-sqlite3 refuses to bind it, so a value that was never
 * settled cannot reach the workspace in place of its token.
 */
export class PendingToken {
  index = -1;
}

/**
 * Per-column memo in front of a Pseudonymizer: names and ids repeat, so most of their tokens are lookups. For
 * columns of unique values (e-mails) the memo only costs, so it switches itself off after 20,000 values with
 * a hit rate under 20%, and it never holds more than 100,000 entries.
 *
 * With a BatchPseudonymizer (the parse worker), a value the memo lacks is queued for the kernel and token()
 * returns the column's PendingToken; settle() then learns the computed tokens of those values.
 */
export class PseudonymMemo {
  private memo: Map<string, string> | null = new Map();
  private lookups = 0;
  private hits = 0;
  private readonly pending = new PendingToken();
  /** Queued values the memo should learn, and their indices in the batch. */
  private learnValues: string[] = [];
  private learnIndices: number[] = [];

  constructor(
    private readonly p: Pseudonymizer,
    private readonly batch: BatchQueue | null = null,
  ) {}

  token(value: string): string | PendingToken {
    const memo = this.memo;
    if (memo !== null) {
      this.lookups++;
      const hit = memo.get(value);
      if (hit !== undefined) {
        this.hits++;
        return hit;
      }
    }
    if (this.batch !== null) {
      const index = this.batch.add(value);
      if (index >= 0) {
        if (memo !== null && memo.size + this.learnValues.length < 100_000) {
          this.learnValues.push(value);
          this.learnIndices.push(index);
        }
        this.switchOff();
        this.pending.index = index;
        return this.pending;
      }
    }
    const t = this.p.token(value);
    // The value is a slice of the import chunk: kept as a key, only its own copy (own-string.ts).
    if (memo !== null && memo.size < 100_000) memo.set(ownCopy(value), t);
    this.switchOff();
    return t;
  }

  /** The batch's tokens were computed (`tokens`, TOKEN_CHARS each): remember those of the values queued here. */
  settle(tokens: string): void {
    const memo = this.memo;
    if (memo !== null) {
      for (let i = 0; i < this.learnValues.length; i++) {
        const at = this.learnIndices[i] * TOKEN_CHARS;
        // Copies, not slices: a slice would keep the whole chunk, or the batch's token string, alive in the memo.
        memo.set(ownCopy(this.learnValues[i]), ownCopy(tokens, at, at + TOKEN_CHARS));
      }
    }
    this.learnValues = [];
    this.learnIndices = [];
  }

  private switchOff(): void {
    if (this.lookups === 20_000 && this.hits < 4_000) this.memo = null;
  }
}

/** Characters per token: "p_" and 16 hex digits. */
export const TOKEN_CHARS = 18;

/** What PseudonymMemo needs of a BatchPseudonymizer (pii-batch.ts imports this file, not the reverse). */
export interface BatchQueue {
  add(value: string): number;
}

/** The HMAC key: the secret's hex form (a longer-than-32-byte secret is first hashed, keeping it one block). */
function hmacKey(secret: Buffer): Buffer {
  const material = secret.length > 32 ? hash('sha256', secret, 'buffer') : secret;
  return Buffer.from(material.toString('hex'), 'latin1');
}

/** Reference implementation with createHmac, used by tests to prove the fast path computes the same HMAC. */
export function pseudonymizeReference(secret: Buffer, value: string): string {
  return 'p_' + createHmac('sha256', hmacKey(secret)).update(value.trim(), 'utf8').digest('hex').slice(0, 16);
}
