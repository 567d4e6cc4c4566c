import http from 'node:http';

/**
 * A copy of a sign-in code page on its own loopback origin (its own port), where Keyfob's
 * content scripts run like on any rig page. It tells its parent window, when framed, that it
 * loaded and what its code field holds after every input, so a test can see whether Keyfob
 * filled it from the page around it.
 */
const HTML = String.raw`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Account security</title></head>
<body>
<form id="totp-code-form" onsubmit="return false">
  <label for="kf-otp">Code from your authenticator app</label>
  <input id="kf-otp" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
  <p><button type="submit">Confirm</button></p>
</form>
<script>
  const field = document.getElementById('kf-otp');
  const tell = (data) => window.parent !== window && window.parent.postMessage(data, '*');
  field.addEventListener('input', () => tell({ kfFrame: 'input', value: field.value }));
  window.addEventListener('load', () => tell({ kfFrame: 'ready' }));
</script>
</body>
</html>`;

/** The copy's server. */
export interface SignInCopy {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Serves the copy on 127.0.0.1 at a port of its own. */
export async function startSignInCopy(): Promise<SignInCopy> {
  const server = http.createServer((req, res) => {
    const found = req.url === '/' || req.url?.startsWith('/?');
    res.writeHead(found ? 200 : 404, {
      'content-type': found ? 'text/html; charset=utf-8' : 'text/plain',
      'cache-control': 'no-store',
    });
    res.end(found ? HTML : 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    origin,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
