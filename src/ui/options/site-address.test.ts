import { normaliseSiteAddress } from './site-address';

describe('normaliseSiteAddress', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['https://app.example.com/', 'https://app.example.com'],
    ['  HTTPS://App.Example.COM  ', 'https://app.example.com'],
    ['app.example.com', 'https://app.example.com'],
    ['https://app.example.com:8443', 'https://app.example.com'],
    ['https://app.example.com:443/', 'https://app.example.com'],
    ['http://localhost', 'http://localhost'],
    ['http://localhost:3000/', 'http://localhost'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1'],
    ['https://localhost:8443', 'https://localhost'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['https://10.0.0.7', 'https://10.0.0.7'],
    ['https://[2001:db8::1]', 'https://[2001:db8::1]'],
    ['my-app.example.co.uk', 'https://my-app.example.co.uk'],
  ])('accepts %j as %s', (input, site) => {
    expect(normaliseSiteAddress(input)).toEqual({ ok: true, value: site });
  });

  it.each([
    ['', 'Enter a site address, such as https://app.example.com.'],
    ['   ', 'Enter a site address, such as https://app.example.com.'],
    ['https://*.example.com', 'Enter one exact site: wildcards (*) are not allowed.'],
    ['*://app.example.com/*', 'Enter one exact site: wildcards (*) are not allowed.'],
    ['<all_urls>', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['https://', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['not a url', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['notaurl', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['https://intranet', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['a_b.example.com', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['-app.example.com', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['app..example.com', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['example.', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['https://1234', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['https://10.1', 'That is not a web address. Enter one such as https://app.example.com.'],
    ['https://1.2.3.999', 'That is not a web address. Enter one such as https://app.example.com.'],
    [
      'https://app .example.com',
      'That is not a web address. Enter one such as https://app.example.com.',
    ],
    [
      'http://app.example.com',
      'Use https://. Plain http:// is allowed only for localhost and 127.0.0.1.',
    ],
    [
      'http://192.168.1.10',
      'Use https://. Plain http:// is allowed only for localhost and 127.0.0.1.',
    ],
    [
      'http://[::1]:3000',
      'Use https://. Plain http:// is allowed only for localhost and 127.0.0.1.',
    ],
    ['ftp://files.example.com', 'Only https:// sites can be allowed.'],
    ['file:///home/me/page.html', 'Only https:// sites can be allowed.'],
    ['chrome-extension://abcdef/popup.html', 'Only https:// sites can be allowed.'],
    ['https://app.example.com/login', 'Enter the site without a path: https://app.example.com.'],
    ['https://app.example.com/?next=1', 'Enter the site without a path: https://app.example.com.'],
    ['https://app.example.com/#top', 'Enter the site without a path: https://app.example.com.'],
    [
      'https://me:pw@app.example.com',
      'Leave out the user name and password: enter just https://app.example.com.',
    ],
    [
      'https://shop.auth.eu-west-1.amazoncognito.com',
      'Keyfob already works on Amazon Cognito’s own sign-in pages: no need to add them.',
    ],
  ])('refuses %j', (input, message) => {
    expect(normaliseSiteAddress(input)).toEqual({ ok: false, error: message });
  });
});
