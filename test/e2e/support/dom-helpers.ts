/**
 * DOM lookups run inside the popup page, shipped as source text so that the test transpiler
 * cannot add helpers (such as esbuild's `__name`) that do not exist in the page.
 *
 * `name(el)` is a small subset of the accessible-name algorithm — aria-labelledby,
 * aria-label, <label>, then content without aria-hidden parts (buttons) or title/placeholder
 * (fields) — enough for the popup's contract. Chromium uses Playwright's real getByRole/getByLabel for actions; this
 * is what Firefox (puppeteer over BiDi, whose ::-p-aria() returns the <label> itself) uses.
 */
export const DOM_HELPERS_SOURCE = String.raw`({
  norm(s) { return String(s == null ? '' : s).replace(/\s+/g, ' ').trim(); },
  visible(el) {
    if (!el || !el.isConnected || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  },
  textById(ids) {
    return this.norm(ids.split(/\s+/).map((id) => {
      const el = document.getElementById(id);
      return el ? el.textContent : '';
    }).join(' '));
  },
  /** Text of el and its descendants, leaving out aria-hidden subtrees; elements split words. */
  contentText(el) {
    let text = '';
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue;
      else if (child.nodeType === Node.ELEMENT_NODE && child.getAttribute('aria-hidden') !== 'true') {
        text += ' ' + this.contentText(child) + ' ';
      }
    }
    return text;
  },
  labelText(label) {
    const clone = label.cloneNode(true);
    for (const field of clone.querySelectorAll('input, textarea, select')) field.remove();
    return this.norm(clone.textContent);
  },
  fieldName(el) {
    if (el.hasAttribute('aria-labelledby')) return this.textById(el.getAttribute('aria-labelledby'));
    if (el.hasAttribute('aria-label')) return this.norm(el.getAttribute('aria-label'));
    if (el.labels && el.labels.length) {
      return this.norm(Array.from(el.labels, (label) => this.labelText(label)).join(' '));
    }
    return this.norm(el.getAttribute('title') || el.getAttribute('placeholder'));
  },
  buttonName(el) {
    if (el.hasAttribute('aria-labelledby')) return this.textById(el.getAttribute('aria-labelledby'));
    if (el.hasAttribute('aria-label')) return this.norm(el.getAttribute('aria-label'));
    const text = this.norm(el.tagName === 'INPUT' ? el.value : this.contentText(el));
    return text || this.norm(el.getAttribute('title'));
  },
  fields(name) {
    const all = document.querySelectorAll(
      'input:not([type=hidden]):not([type=button]):not([type=submit]), textarea, select, [role=textbox]');
    return Array.from(all).filter((el) => this.visible(el) && this.fieldName(el) === name);
  },
  buttons(name) {
    const all = document.querySelectorAll(
      'button, [role=button], [role=tab], input[type=button], input[type=submit]');
    return Array.from(all).filter((el) => this.visible(el) && this.buttonName(el) === name);
  },
  fieldCount(name) { return this.fields(name).length; },
  only(list, what) {
    if (list.length > 1) throw new Error('more than one ' + what);
    return list[0] || null;
  },
  fill(name, value) {
    const el = this.only(this.fields(name), 'field named ' + JSON.stringify(name));
    if (!el) throw new Error('no visible field named ' + JSON.stringify(name));
    if (el.disabled || el.readOnly) throw new Error('field ' + JSON.stringify(name) + ' is not editable');
    el.focus();
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
      : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: value }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return el.value === value;
  },
  button(name) {
    return this.only(this.buttons(name), 'button named ' + JSON.stringify(name));
  },
  alerts() {
    return Array.from(document.querySelectorAll('[role=alert]'))
      .filter((el) => this.visible(el))
      .map((el) => this.norm(el.innerText || el.textContent))
      .filter(Boolean);
  },
  rows() {
    const list = document.querySelector('ul[aria-label="Accounts"]');
    if (!list) return null;
    return Array.from(list.querySelectorAll('li[data-account-id]'), (li) => {
      const codeEl = li.querySelector('[data-testid="code"]');
      return {
        id: li.getAttribute('data-account-id'),
        text: this.norm(li.innerText || li.textContent),
        code: codeEl ? codeEl.getAttribute('data-code') : null,
      };
    });
  },
  codesInDom() {
    return Array.from(document.querySelectorAll('[data-testid="code"], [data-code]'),
      (el) => el.getAttribute('data-code') || this.norm(el.textContent));
  },
  snapshot() {
    const has = (name) => this.buttons(name).length > 0;
    return {
      url: location.href,
      ready: document.readyState,
      appChildren: document.getElementById('app') ? document.getElementById('app').childElementCount : -1,
      firstRun: this.fields('Confirm passphrase').length > 0 || has('Create vault'),
      unlockButton: has('Unlock'),
      lockButton: has('Lock'),
      accountsList: !!document.querySelector('ul[aria-label="Accounts"]'),
      addView: this.fields('otpauth URI').length > 0 || this.fields('Secret').length > 0,
      alerts: this.alerts(),
    };
  },
})`;

/** What {@link DOM_HELPERS_SOURCE}.snapshot() returns. */
export interface DomSnapshot {
  url: string;
  ready: string;
  appChildren: number;
  firstRun: boolean;
  unlockButton: boolean;
  lockButton: boolean;
  accountsList: boolean;
  addView: boolean;
  alerts: string[];
}

/** An expression calling one helper with JSON-serialisable arguments. */
export function helperCall(method: string, ...args: unknown[]): string {
  return `${DOM_HELPERS_SOURCE}.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
}
