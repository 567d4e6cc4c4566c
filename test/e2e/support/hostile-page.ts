import http from 'node:http';

/**
 * A page that plays the attacker: served on its own loopback origin (its own port, so the e2e
 * build's content scripts and the page observer run there like on any rig page), it forges the
 * page observer's window messages (src/content/page-messages.ts) and records everything it can
 * see — every window message (the content script's config message included) and the values
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
  window.forge = (message) => window.postMessage(message, location.origin);
  // Keyfob's scripts are in: the page observer (which marks this window) since
  // document_start, its isolated-world bridge since document_end.
  window.keyfobLoaded = () =>
    window[Symbol.for('keyfob.page-observer')] === true && document.readyState === 'complete';
  // A sign-in code form like any site's, added on demand (a new input: Keyfob looks again).
  window.showSignInForm = () => {
    document.getElementById('slot').innerHTML =
      '<form id="signin" onsubmit="return false">' +
      '<label for="otp">Enter the code from your authenticator app</label>' +
      '<input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code">' +
      '<button type="submit">Sign in</button></form>';
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
