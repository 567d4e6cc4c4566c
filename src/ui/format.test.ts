import { accountName, accountTitle, damagedNotice, groupCode, matchesQuery } from './format';

describe('groupCode', () => {
  it('splits codes in two readable groups', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('1234567')).toBe('1234 567');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('1234')).toBe('1234');
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
