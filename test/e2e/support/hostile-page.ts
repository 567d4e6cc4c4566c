import http from 'node:http';

/**
 * A page that plays the attacker: served on its own loopback origin (its own port, so the e2e
 * build's content scripts and the page observer run there like on any rig page), it forges the
 * page observer's window messages (src/content/page-messages.ts), looks for traces of Keyfob
 * (`traces()`), and records everything it can see — every window message (the content script's config message included) and the values
 * of its inputs — so a test can check that nothing of another origin's accounts reached it.
 */

const HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Totally legit portal</title>
</head>
<body>
<h1>Welcome back</h1>
<p>Status: <output id="status">hostile</output></p>
<div id="slot"></div>
<script>
  window.__seen = [];
  window.addEventListener('message', (event) => {
    try {
      window.__seen.push(JSON.stringify(event.data));
    } catch (error) {
      window.__seen.push(String(event.data));
    }
  });
  // Posted exactly as the page observer posts: to this window, for this origin.
  window.__forged = 0;
  window.forge = (message) => {
    window.__forged++;
    window.postMessage(message, location.origin);
  };
  // What a page could find Keyfob by: names of its own on this window, the old marker,
  // wrappers that do not read as native code, and answers to a config message the page sent.
  const native = (f, name) =>
    typeof f === 'function' &&
    new RegExp('^function ' + name + '\\(\\) \\{\\s*\\[native code\\]\\s*\\}$').test(
      Function.prototype.toString.call(f),
    );
  window.postMessage({ __keyfob: 'content', type: 'config', deviceName: 'probe' }, location.origin);
  window.traces = () => {
    const found = Object.getOwnPropertyNames(window).filter((key) =>
      /keyfob|pageobserver|cognitobridge|cognitohelper/i.test(key),
    );
    if (window[Symbol.for('keyfob.page-observer')] !== undefined) found.push('Symbol.for marker');
    if (!native(window.fetch, 'fetch')) found.push('fetch');
    if (!native(Function.prototype.toString, 'toString')) found.push('Function.prototype.toString');
    for (const name of ['open', 'setRequestHeader', 'send']) {
      if (!native(XMLHttpRequest.prototype[name], name)) found.push('XMLHttpRequest.' + name);
    }
    const observed = window.__seen.filter((text) => text.includes('"__keyfob":"observer"'));
    if (observed.length !== window.__forged) found.push('observer messages: ' + observed.length);
    return found;
  };
  // A sign-in code form like any site's, added on demand (a new input: Keyfob looks again).
  window.showSignInForm = () => {
    document.getElementById('slot').innerHTML =
      '<form id="signin" onsubmit="return false">' +
      '<label for="otp">Enter the code from your authenticator app</label>' +
      '<input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code">' +
      '<button type="submit">Sign in</button></form>';
  };
  // A setup screen like a server-rendered one: a secret shown as text near a code field.
  window.showSetupForm = (secret) => {
    document.getElementById('slot').innerHTML =
      '<form id="setup" onsubmit="return false"><h2>Set up an authenticator app</h2>' +
      '<p>Or enter this secret key in the app:</p><p><span id="secret">' + secret + '</span></p>' +
      '<label for="code">Enter the 6-digit code from the app</label>' +
      '<input id="code" name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code">' +
      '<button type="submit">Verify</button></form>';
  };
  window.everything = () =>
    JSON.stringify({
      seen: window.__seen,
      inputs: Array.from(document.querySelectorAll('input'), (input) => input.value),
      html: document.documentElement.outerHTML,
      storage: JSON.stringify(Object.entries(sessionStorage)),
    });
</script>
</body>
</html>`;

/** The hostile page's server. */
export interface HostilePage {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Serves the hostile page on http://127.0.0.1:<ephemeral port>/. */
export async function startHostilePage(): Promise<HostilePage> {
  const server = http.createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(HTML);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
