import { identifierWords, inputType, isInput, isTypable, labelTexts } from './dom-text';

/** A field where the page asks what to call the authenticator, and the words it uses. */
export interface DeviceNameField {
  input: HTMLInputElement;
  /** The page's own label for it ("Device name", "Nickname", …), or its name attribute. */
  label: string;
}

const LABEL =
  /\b(device|friendly|authenticator|token|app) ?name\b|\bnick ?name\b|\bname (this|your|the) (device|authenticator|app|token)\b|\bdevice (label|nickname)\b/i;
/** Joined identifier words that name the field. */
const IDENTIFIER =
  /devicename|friendlyname|friendlydevicename|authenticatorname|tokenname|nickname|devicelabel/;

/**
 * The input where the page wants a name for this authenticator, recognised by the page's own
 * words (`<label for>`, a wrapping label, `aria-label`, `placeholder`) or by its name or id
 * (`deviceName`, `friendly_device_name`, `nickname`). Inputs in `exclude` (the code inputs)
 * are skipped.
 */
export function findDeviceNameInput(
  root: ParentNode,
  exclude: readonly Element[] = [],
): DeviceNameField | undefined {
  for (const input of Array.from(root.querySelectorAll('input')).slice(0, 500)) {
    if (!isInput(input) || exclude.includes(input) || !isTypable(input)) continue;
    if (inputType(input) !== 'text') continue;
    const labels = labelTexts(input);
    const byLabel = labels.find((text) => LABEL.test(text));
    if (byLabel) return { input, label: byLabel };
    const identifiers = [input.getAttribute('name'), input.getAttribute('id')];
    for (const identifier of identifiers) {
      if (identifier && IDENTIFIER.test(identifierWords(identifier).join(''))) {
        return { input, label: labels[0] ?? identifier };
      }
    }
  }
  return undefined;
}
