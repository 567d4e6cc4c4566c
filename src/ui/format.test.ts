import {
  accountName,
  accountTitle,
  damagedNotice,
  groupCode,
  isWebOrigin,
  matchesQuery,
  originHost,
} from './format';

describe('groupCode', () => {
  it('splits codes in two readable groups', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('1234567')).toBe('1234 567');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('1234')).toBe('1234');
  });

  it('keeps a Steam Guard code whole, as Steam shows it', () => {
    expect(groupCode('2B4XY')).toBe('2B4XY');
  });
});

describe('account names', () => {
  it('uses the issuer when there is one, the account name otherwise', () => {
    expect(accountTitle({ issuer: 'GitHub', account: 'alice' })).toBe('GitHub');
    expect(accountTitle({ account: 'alice' })).toBe('alice');
    expect(accountTitle({ issuer: '  ', account: 'alice' })).toBe('alice');
    expect(accountName({ issuer: 'GitHub', account: 'alice' })).toBe('GitHub (alice)');
    expect(accountName({ account: 'alice' })).toBe('alice');
  });
});

describe('matchesQuery', () => {
  it('matches issuer or account, ignoring case and surrounding spaces', () => {
    const account = { issuer: 'GitHub', account: 'Alice@Example.com' };
    expect(matchesQuery(account, 'git')).toBe(true);
    expect(matchesQuery(account, ' ALICE ')).toBe(true);
    expect(matchesQuery(account, '')).toBe(true);
    expect(matchesQuery(account, 'gitlab')).toBe(false);
    expect(matchesQuery({ account: 'bob' }, 'git')).toBe(false);
  });
});

describe('damagedNotice', () => {
  it('agrees in number', () => {
    expect(damagedNotice(1)).toBe('1 entry could not be opened and was kept untouched.');
    expect(damagedNotice(3)).toBe('3 entries could not be opened and were kept untouched.');
  });
});

describe('origins', () => {
  it('shows the host and port people read, and anything unparsable as given', () => {
    expect(originHost('https://app.example.com')).toBe('app.example.com');
    expect(originHost('http://localhost:3000')).toBe('localhost:3000');
    expect(originHost('not an origin')).toBe('not an origin');
  });

  it('knows which pages are web pages', () => {
    expect(isWebOrigin('https://app.example.com')).toBe(true);
    expect(isWebOrigin('http://127.0.0.1:8080')).toBe(true);
    expect(isWebOrigin('chrome-extension://abc')).toBe(false);
    expect(isWebOrigin('file:///tmp/a.html')).toBe(false);
    expect(isWebOrigin(null)).toBe(false);
  });
});
