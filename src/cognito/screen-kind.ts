/** Which family of sign-in UI a screen belongs to; it decides nothing about trust. */
export type ScreenKind = 'amplify-authenticator' | 'hosted-ui' | 'generic';

/** Cognito's own sign-in domains: `<prefix>.auth[-fips].<region>.amazoncognito.com`. */
const HOSTED_DOMAIN = /\.auth(-fips)?\.[a-z0-9-]+\.amazoncognito\.com$/i;

/**
 * Class names the classic hosted UI documents for customisation; its pages carry them.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html
 */
const CLASSIC_CLASSES = new Set([
  'background-customizable',
  'banner-customizable',
  'label-customizable',
  'textDescription-customizable',
  'inputField-customizable',
  'submitButton-customizable',
  'errorMessage-customizable',
  'idpButton-customizable',
  'legalText-customizable',
  'logo-customizable',
]);

function hostOf(doc: Document): string {
  try {
    return new URL(doc.URL).hostname;
  } catch {
    return '';
  }
}

/**
 * True when the page is Cognito's hosted sign-in: served from a Cognito sign-in domain, or
 * (custom domains) carrying at least two of the classic hosted UI's customisable class names.
 * Managed Login on a custom domain publishes no markup, so it shows up as `generic`; the
 * detectors work by meaning and do not need the kind to be right.
 */
export function isHostedUi(doc: Document): boolean {
  if (HOSTED_DOMAIN.test(hostOf(doc))) return true;
  // One pass over the document, then the class lists of what it found.
  const found = new Set<string>();
  for (const element of Array.from(doc.querySelectorAll('[class*="-customizable"]')).slice(
    0,
    100,
  )) {
    for (const name of Array.from(element.classList)) {
      if (CLASSIC_CLASSES.has(name)) found.add(name);
    }
  }
  return found.size >= 2;
}
