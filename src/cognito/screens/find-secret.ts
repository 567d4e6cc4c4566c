import { ancestorAt, inputType, isInput, squash, tagOf, textNodesNear } from './dom-text';
import { isWholeBytesLength, MAX_SECRET_CHARS, MIN_SECRET_CHARS } from '../protocol';

/** A base32 secret shown on a page, and the element that shows it. */
export interface SecretSighting {
  /** Normalised: upper case, no spaces, hyphens or padding. */
  secret: string;
  element: Element;
}

/** An otpauth:// URI shown on a page as a link or as text. */
export interface OtpauthSighting {
  uri: string;
  element: Element;
}

/** Enough text nodes for any real setup screen; stops a hostile page from stalling the scan. */
const MAX_TEXT_NODES = 5000;
const MAX_NODE_CHARS = 10_000;
const MAX_URI_CHARS = 2048;

/** One base32 word, standing alone (not part of a longer word or identifier). */
const SINGLE = /(?<![\w-])[A-Za-z2-7]{16,512}={0,6}(?![\w-])/g;
/** Base32 in groups, as apps print secrets for reading: `JBSW Y3DP EHPK 3PXP`. */
const GROUPED_UPPER = /(?<![\w-])[A-Z2-7]{2,8}(?:[ \u00a0-][A-Z2-7]{1,8}){2,}(?![\w-])/g;
const GROUPED_LOWER = /(?<![\w-])[a-z2-7]{2,8}(?:[ \u00a0-][a-z2-7]{1,8}){2,}(?![\w-])/g;
/** Words around a secret that say what it is. */
const SECRET_LABEL = /\b(secret|key|code|seed|manual(ly)?|setup|set-up)\b/i;
const SECRET_ATTRIBUTE = /secret|key|seed|copy|manual/i;

/**
 * A string of base32 groups joined, when the groups are regular (every group but the last
 * the same length, 3 to 8); undefined for ordinary words that merely use base32 letters.
 */
function joinGroups(text: string): string | undefined {
  const groups = text.split(/[ \u00a0-]/);
  const size = groups[0]?.length ?? 0;
  if (size < 3 || size > 8) return undefined;
  const last = groups[groups.length - 1]?.length ?? 0;
  const regular = groups.slice(0, -1).every((group) => group.length === size) && last <= size;
  return regular ? groups.join('') : undefined;
}

/**
 * True when a base32 candidate could be a TOTP secret rather than a word, a hex string or a
 * number: 16–512 characters that make whole bytes, one letter case, not all hex digits (hex
 * would have shown a 0, 1, 8 or 9 long before), not all digits. Letters-only candidates also
 * need `labelled` (see {@link findSecretSightings}).
 */
export function isPlausibleSecret(candidate: string, labelled: boolean): boolean {
  const secret = candidate.replace(/=+$/, '');
  if (secret.length < MIN_SECRET_CHARS || secret.length > MAX_SECRET_CHARS) return false;
  if (!/^[A-Za-z2-7]+$/.test(secret) || !isWholeBytesLength(secret.length)) return false;
  if (secret !== secret.toUpperCase() && secret !== secret.toLowerCase()) return false;
  if (/^[0-9a-f]+$/i.test(secret) || /^[2-7]+$/.test(secret)) return false;
  return /[2-7]/.test(secret) || labelled;
}

/** The last words before `node` inside its parent: the sibling text a caption would be. */
function textBefore(node: Node): string {
  let text = '';
  for (let sibling = node.previousSibling; sibling && text.length < 200;) {
    text = `${sibling.textContent ?? ''} ${text}`;
    sibling = sibling.previousSibling;
  }
  return squash(text).slice(-80);
}

/**
 * True when the element showing a candidate is labelled as a secret: by its own or its close
 * ancestors' attributes (`class="secret-key"`, `data-copy`, `aria-label="Secret key"`), or by
 * the words right before it ("Secret key", "Enter this code:"), in its parent or, when it is
 * its parent's only content, before the parent. Words elsewhere on the screen do not count:
 * a setup screen talks about codes everywhere.
 */
function isLabelled(element: Element): boolean {
  for (let node: Element | null = element, up = 0; node && up < 3; up++) {
    const said = Array.from(node.attributes).map((attribute) =>
      // Attribute names carry meaning on their own (data-secret); values only for these.
      /^(class|id|title|aria-label)$/.test(attribute.name)
        ? `${attribute.name} ${attribute.value}`
        : attribute.name,
    );
    if (SECRET_ATTRIBUTE.test(said.join(' '))) return true;
    node = node.parentElement;
  }
  const before = textBefore(element);
  if (before) return SECRET_LABEL.test(before);
  return element.parentElement ? SECRET_LABEL.test(textBefore(element.parentElement)) : false;
}

/**
 * Base32 secrets shown as text near `anchor` (within `levels` ancestors, nearest first): in
 * text nodes, singly or in groups, and in read-only inputs (copy boxes). A candidate without
 * a digit 2–7 counts only when it stands alone in its element (not in groups, not inside a
 * sentence) and that element is labelled as a secret, because upper-case words use the
 * base32 alphabet too. Sightings are deduplicated by value, per element.
 */
export function findSecretSightings(anchor: Element, levels: number): SecretSighting[] {
  const sightings: SecretSighting[] = [];
  const consider = (raw: string, element: Element, standalone: boolean) => {
    const shown = raw.replace(/=+$/, '');
    const grouped = /[ \u00a0-]/.test(shown);
    const joined = grouped ? joinGroups(shown) : shown;
    if (joined === undefined) return;
    // Grouped text without a digit is more likely a line of capitals than a secret.
    const labelled = !grouped && standalone && isLabelled(element);
    if (!isPlausibleSecret(joined, labelled)) return;
    const secret = joined.toUpperCase();
    if (!sightings.some((seen) => seen.secret === secret && seen.element === element)) {
      sightings.push({ secret, element });
    }
  };
  for (const node of textNodesNear(anchor, levels, MAX_TEXT_NODES)) {
    const text = node.data;
    const element = node.parentElement;
    if (!element || text.length > MAX_NODE_CHARS) continue;
    for (const pattern of [SINGLE, GROUPED_UPPER, GROUPED_LOWER]) {
      for (const match of text.matchAll(pattern)) {
        // Read the element's whole text only on a match: matches are rare, big parents common.
        const whole = element.textContent ?? '';
        const standalone = whole.length <= MAX_NODE_CHARS && squash(match[0]) === squash(whole);
        consider(match[0], element, standalone);
      }
    }
  }
  const root = ancestorAt(anchor, levels);
  for (const input of Array.from(root.querySelectorAll('input[readonly], input[disabled]'))) {
    if (!isInput(input) || inputType(input) !== 'text') continue;
    const value = squash(input.value).slice(0, MAX_SECRET_CHARS * 2);
    if (value) consider(value, input, true);
  }
  return sightings;
}

/** The `secret` parameter of an otpauth URI, normalised, for cross-checking only. */
export function secretOfOtpauthUri(uri: string): string | undefined {
  const match = /[?&]secret=([^&#]*)/i.exec(uri);
  if (!match?.[1]) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  const secret = value.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  return /^[A-Z2-7]+$/.test(secret) ? secret : undefined;
}

const OTPAUTH_IN_TEXT = /otpauth:\/\/[^\s"'<>]+/gi;

/**
 * otpauth:// URIs near `anchor` (within `levels` ancestors): link targets (`<a href>`) and URIs
 * printed as text. Only `totp` and `hotp` URIs, at most 2048 characters; parsing them is the
 * otp module's job.
 */
export function findOtpauthSightings(anchor: Element, levels: number): OtpauthSighting[] {
  const sightings: OtpauthSighting[] = [];
  const consider = (uri: string, element: Element) => {
    if (uri.length > MAX_URI_CHARS || !/^otpauth:\/\/[th]otp\//i.test(uri)) return;
    if (!sightings.some((seen) => seen.uri === uri)) sightings.push({ uri, element });
  };
  for (const link of Array.from(ancestorAt(anchor, levels).querySelectorAll('a[href]'))) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (/^otpauth:/i.test(href)) consider(href, link);
  }
  for (const node of textNodesNear(anchor, levels, MAX_TEXT_NODES)) {
    if (!node.parentElement || node.data.length > MAX_NODE_CHARS) continue;
    for (const match of node.data.matchAll(OTPAUTH_IN_TEXT)) consider(match[0], node.parentElement);
  }
  return sightings;
}

/** Amplify UI shows the secret as the first child of its copy box. */
export function amplifySecret(form: Element): SecretSighting | undefined {
  const shown = form.querySelector('[data-amplify-copy] > div');
  const text = squash(shown?.textContent);
  if (!shown || tagOf(shown) !== 'div') return undefined;
  return isPlausibleSecret(text, true)
    ? { secret: text.replace(/=+$/, '').toUpperCase(), element: shown }
    : undefined;
}
