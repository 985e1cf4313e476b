import {
  IdNumber,
  Subject,
  Uscc,
  birthDateOf,
  idNumberCheckChar,
  isValidIdNumber,
  isValidUscc,
  normaliseOfficialCode,
  officialCodeProblem,
  usccCheckChar,
} from './subject';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T', '911100001000079554'])(
    'accepts %s',
    (code) => expect(isValidUscc(code)).toBe(true),
  );

  it('computes the check character (weights 3^i mod 31)', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y44', 'bad check character'],
    ['91350100M000100Y4', 'too short'],
    ['91350100M000100Y433', 'too long'],
    ['91350100M0001O0Y43', 'O is not in the charset'],
    ['9135010OI000100Y43', 'I is not in the charset'],
    ['91350100M000100S43', 'S is not in the charset'],
  ])('refuses %s (%s)', (code) => expect(isValidUscc(code)).toBe(false));

  it('schema normalises case and spaces', () => {
    expect(Uscc.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(Uscc.safeParse('91350100M000100Y44').success).toBe(false);
  });
});

describe('居民身份证号 (GB 11643-1999)', () => {
  it.each(['11010519491231002X', '440524198001010013', '330106199003071236', '110101200002290018'])(
    'accepts %s',
    (id) => expect(isValidIdNumber(id)).toBe(true),
  );

  it('computes the check character (weights 2^(17−i) mod 11)', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it.each([
    ['110105194912310021', 'bad check digit'],
    ['11010519491231002', 'too short'],
    ['11010519491231002XX', 'too long'],
    ['11010519491231002Y', 'Y is not a check character'],
    ['110101200102290015', '2001-02-29 does not exist (check digit is right)'],
    ['110101199013010012', 'month 13'],
    ['11010118991231001X', 'born before 1900'],
  ])('refuses %s (%s)', (id) => expect(isValidIdNumber(id)).toBe(false));

  it('reads the birth date and refuses one after the injected today', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    const bornLater = '11010120300101' + '001';
    const id = bornLater + idNumberCheckChar(bornLater);
    expect(isValidIdNumber(id)).toBe(true);
    expect(isValidIdNumber(id, '2026-06-01')).toBe(false);
  });

  it('schema accepts a lower-case x', () => {
    expect(IdNumber.parse('11010519491231002x')).toBe('11010519491231002X');
  });
});

describe('Subject', () => {
  it('parses an enterprise and a person, discriminated by kind', () => {
    const e = Subject.parse({
      id: 'sub_000001',
      kind: 'enterprise',
      name: '双福粮油公司',
      uscc: '91350100M000100Y43',
      size: 'small',
    });
    expect(e.kind).toBe('enterprise');
    const p = Subject.parse({
      id: 'sub_000002',
      kind: 'person',
      name: '张三',
      idNumber: '11010519491231002X',
    });
    expect(p.kind === 'person' && p.idNumber).toBe('11010519491231002X');
  });

  it('refuses a person with an enterprise code and an id of the wrong kind', () => {
    expect(
      Subject.safeParse({
        id: 'sub_000002',
        kind: 'person',
        name: '张三',
        idNumber: '91350100M000100Y43',
      }).success,
    ).toBe(false);
    expect(
      Subject.safeParse({
        id: 'app_000002',
        kind: 'person',
        name: '张三',
        idNumber: '11010519491231002X',
      }).success,
    ).toBe(false);
  });
});

describe('officialCodeProblem (case 10: feed rows)', () => {
  it.each([
    '91350100M000100Y43',
    ' 91350100m000100y43 ',
    '11010519491231002X',
    '11010519491231002x',
  ])('accepts %s', (code) => expect(officialCodeProblem(code)).toBeUndefined());

  it.each([
    ['91350100M000100Y44', '统一社会信用代码校验位错误（应为 3）'],
    ['91350100M000100S43', '统一社会信用代码不能含字母 I、O、S、V、Z（含有 S）'],
    ['9135010VZ000100Y43', '统一社会信用代码不能含字母 I、O、S、V、Z（含有 V、Z）'],
    ['91350100M000100Y4!', '统一社会信用代码只能由数字和大写字母组成'],
    ['110105194912310021', '居民身份证号校验位错误（应为 X）'],
    ['110101199013010012', '居民身份证号的出生日期无效'],
    ['9135010', '主体代码应为18位统一社会信用代码或居民身份证号，实为7位'],
  ])('refuses %s: %s', (code, reason) => expect(officialCodeProblem(code)).toBe(reason));

  it('normalises case and spaces', () =>
    expect(normaliseOfficialCode(' 91350100m000100y43\t')).toBe('91350100M000100Y43'));
});
