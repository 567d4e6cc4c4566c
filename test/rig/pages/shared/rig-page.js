/* global document, location, fetch, URLSearchParams */
// Shared by the client pages: runtime configuration and the status output tests read.
// The Cognito endpoint and pool come from /config.json (served by test/rig/pages.mjs) and can be
// overridden per page load with ?endpoint=…&userPoolId=…&clientId=… or ?pool=<key>.

export async function loadConfig() {
  const q = new URLSearchParams(location.search);
  const res = await fetch('/config.json', { cache: 'no-store' });
  const base = await res.json();
  const poolKey = q.get('pool') ?? base.defaultPool;
  const pool = base.pools?.[poolKey] ?? {};
  return {
    endpoint: q.get('endpoint') ?? base.endpoint,
    userPoolId: q.get('userPoolId') ?? pool.userPoolId,
    clientId: q.get('clientId') ?? pool.clientId,
    issuer: q.get('issuer') ?? base.issuer ?? 'KeyfobDemo',
  };
}

/** Status for tests: <output id="status"> text and body[data-status]. */
export function setStatus(text) {
  const out = document.getElementById('status');
  if (out) out.textContent = text;
  document.body.dataset.status = text;
}

/** The Cognito error name of a thrown error (Amplify AuthError, identity-js error, or Error). */
export function errorName(err) {
  return (err && (err.name !== 'Error' ? err.name : err.code || err.name)) || 'Error';
}
