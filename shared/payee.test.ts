import { DomainError } from './errors';
import {
  luhnValid,
  maskPayee,
  normaliseName,
  payeeProblems,
  resolvePayee,
  validatePayee,
  type PayeeSubject,
} from './payee';

const firm: PayeeSubject = { kind: 'enterprise', name: '高台县惠民商贸（集团）有限公司' };
const resident: PayeeSubject = { kind: 'person', name: '李秀英' };

// Card numbers shaped like real Chinese debit cards (BIN 622848 农行, 621700 建行, 623027 社保卡),
// with their correct Luhn check digit; each "bad" one differs in the last digit only.
const GOOD_CARDS = [
  '6228480123456780014',
  '6217000010012345677',
  '6230270123456780030',
  '6222021001123459',
  '6225880123456783',
  '622848012345678009',
];
const BAD_CARDS = [
  '6228480123456780015',
  '6217000010012345670',
  '6230270123456780033',
  '6222021001123458',
];

const reasons = (input: Parameters<typeof payeeProblems>[0], subject: PayeeSubject) =>
  payeeProblems(input, subject).map((p) => p.reason);

function refusal(f: () => unknown): { code: string; reason?: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return {
        code: e.code,
        reason: (e.details as { reason?: string } | undefined)?.reason,
        message: e.message,
      };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('luhnValid', () => {
  it.each(GOOD_CARDS)('accepts %s', (n) => expect(luhnValid(n)).toBe(true));
  it.each(BAD_CARDS)('refuses %s (one digit off)', (n) => expect(luhnValid(n)).toBe(false));
  it('refuses anything that is not all digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid('411111111111111X')).toBe(false);
  });
  it('catches every single-digit typo and every adjacent swap of different digits (except 0↔9)', () => {
    const good = '6228480123456780014';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue;
        expect(luhnValid(`${good.slice(0, i)}${d}${good.slice(i + 1)}`)).toBe(false);
      }
    }
    for (let i = 0; i + 1 < good.length; i++) {
      const [a, b] = [good[i]!, good[i + 1]!];
      if (a === b || a + b === '09' || a + b === '90') continue;
      expect(luhnValid(good.slice(0, i) + b + a + good.slice(i + 2))).toBe(false);
    }
  });
});

describe('normaliseName', () => {
  it('folds full-width brackets, letters and digits, and drops spaces of any width', () => {
    expect(normaliseName(' 高台县惠民商贸(集团)有限公司 ')).toBe(
      normaliseName('高台县惠民商贸（集团）有限公司'),
    );
    expect(normaliseName('ＡＢＣ１２３\u3000商行')).toBe('ABC123商行');
    expect(normaliseName('李 秀 英')).toBe('李秀英');
  });
});

describe('payeeProblems / validatePayee', () => {
  it('accepts a resident bank card with a correct check digit, typed with spaces', () => {
    const payee = validatePayee(
      {
        accountName: ' 李秀英 ',
        bankName: ' 中国农业银行高台县支行 ',
        accountNumber: '6228 4801 2345 6780 014',
      },
      resident,
    );
    expect(payee).toEqual({
      accountName: '李秀英',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780014',
    });
  });

  it('accepts an enterprise 对公账户 of 8–30 digits with no check digit, full-width name and hyphens', () => {
    const payee = validatePayee(
      {
        accountName: '高台县惠民商贸(集团)有限公司',
        bankName: '甘肃银行高台支行',
        accountNumber: '2710-0101-0400-1234-5',
      },
      firm,
    );
    // stored under the registered name, the number as bare digits
    expect(payee).toEqual({
      accountName: '高台县惠民商贸（集团）有限公司',
      bankName: '甘肃银行高台支行',
      accountNumber: '27100101040012345',
    });
    expect(
      payeeProblems(
        { accountName: firm.name, bankName: '甘肃银行', accountNumber: '12345678' },
        firm,
      ),
    ).toEqual([]);
    expect(
      payeeProblems(
        { accountName: firm.name, bankName: '甘肃银行', accountNumber: '1'.repeat(30) },
        firm,
      ),
    ).toEqual([]);
    // a corporate account number that happens to fail Luhn is fine: no check digit applies
    expect(
      payeeProblems(
        { accountName: firm.name, bankName: '甘肃银行', accountNumber: '6222000011112222' },
        firm,
      ),
    ).toEqual([]);
  });

  it('accepts full-width digits in the account number', () => {
    expect(
      validatePayee(
        {
          accountName: '李秀英',
          bankName: '农行',
          accountNumber: '６２２８４８０１２３４５６７８００１４',
        },
        resident,
      ).accountNumber,
    ).toBe('6228480123456780014');
  });

  it.each(BAD_CARDS)('refuses the resident card %s: BAD_CHECK_DIGIT', (n) => {
    expect(
      reasons({ accountName: '李秀英', bankName: '农行', accountNumber: n }, resident),
    ).toEqual(['BAD_CHECK_DIGIT']);
  });

  it('refuses a resident account that is not a 16–19 digit card', () => {
    expect(
      reasons(
        { accountName: '李秀英', bankName: '农行', accountNumber: '622848012345678' },
        resident,
      ),
    ).toEqual(['BAD_CARD_LENGTH']);
    expect(
      reasons(
        { accountName: '李秀英', bankName: '农行', accountNumber: '62284801234567800141' },
        resident,
      ),
    ).toEqual(['BAD_CARD_LENGTH']);
  });

  it('refuses an enterprise account outside 8–30 digits', () => {
    expect(
      reasons({ accountName: firm.name, bankName: '甘肃银行', accountNumber: '1234567' }, firm),
    ).toEqual(['BAD_ACCOUNT_LENGTH']);
    expect(
      reasons(
        { accountName: firm.name, bankName: '甘肃银行', accountNumber: '1'.repeat(31) },
        firm,
      ),
    ).toEqual(['BAD_ACCOUNT_LENGTH']);
  });

  it('refuses letters and other signs in the number', () => {
    expect(
      reasons(
        { accountName: firm.name, bankName: '甘肃银行', accountNumber: '6222O00011112222' },
        firm,
      ),
    ).toEqual(['ACCOUNT_NUMBER_NOT_DIGITS']);
    expect(
      reasons(
        { accountName: '李秀英', bankName: '农行', accountNumber: '6228.4801.2345.6780.014' },
        resident,
      ),
    ).toEqual(['ACCOUNT_NUMBER_NOT_DIGITS']);
  });

  it('refuses a name that is not the registered one', () => {
    expect(
      reasons({ accountName: '李秀华', bankName: '农行', accountNumber: GOOD_CARDS[0] }, resident),
    ).toEqual(['ACCOUNT_NAME_MISMATCH']);
    expect(
      reasons(
        {
          accountName: '高台县惠民商贸有限公司',
          bankName: '甘肃银行',
          accountNumber: '27100101040012345',
        },
        firm,
      ),
    ).toEqual(['ACCOUNT_NAME_MISMATCH']);
    const e = refusal(() =>
      validatePayee(
        { accountName: '王小明', bankName: '农行', accountNumber: GOOD_CARDS[0] },
        resident,
      ),
    );
    expect(e).toMatchObject({ code: 'INVALID_INPUT', reason: 'ACCOUNT_NAME_MISMATCH' });
    expect(e.message).toBe('户名须与身份证上的姓名「李秀英」一致');
  });

  it('names every missing field, in form order', () => {
    expect(reasons({}, resident)).toEqual([
      'ACCOUNT_NAME_REQUIRED',
      'BANK_NAME_REQUIRED',
      'ACCOUNT_NUMBER_REQUIRED',
    ]);
    expect(reasons({ accountName: '  ', bankName: '\t', accountNumber: ' - ' }, firm)).toEqual([
      'ACCOUNT_NAME_REQUIRED',
      'BANK_NAME_REQUIRED',
      'ACCOUNT_NUMBER_REQUIRED',
    ]);
    expect(
      reasons(
        { accountName: '李秀英', bankName: '行'.repeat(101), accountNumber: GOOD_CARDS[0] },
        resident,
      ),
    ).toEqual(['BANK_NAME_TOO_LONG']);
    expect(payeeProblems({}, resident).every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
  });
});

describe('resolvePayee', () => {
  const onFile = {
    accountName: '李秀英',
    bankName: '甘肃省农村信用社（社保卡）',
    accountNumber: '6230270123456780030',
  };

  it('profile: the account on file as it is', () => {
    expect(resolvePayee({ source: 'profile' }, { subject: resident, onFile })).toEqual({
      payee: onFile,
      source: 'profile',
    });
  });

  it('profile with none on file: ACCOUNT_REQUIRED (422), reason NO_ACCOUNT_ON_FILE', () => {
    expect(refusal(() => resolvePayee({ source: 'profile' }, { subject: resident }))).toMatchObject(
      { code: 'ACCOUNT_REQUIRED', reason: 'NO_ACCOUNT_ON_FILE' },
    );
  });

  it('new: validated against the subject, whatever is on file', () => {
    const got = resolvePayee(
      {
        source: 'new',
        accountName: '李秀英',
        bankName: '农行',
        accountNumber: '6228480123456780014',
      },
      { subject: resident, onFile },
    );
    expect(got).toEqual({
      payee: { accountName: '李秀英', bankName: '农行', accountNumber: '6228480123456780014' },
      source: 'new',
    });
    expect(
      refusal(() =>
        resolvePayee(
          {
            source: 'new',
            accountName: '李秀英',
            bankName: '农行',
            accountNumber: '6228480123456780015',
          },
          { subject: resident },
        ),
      ),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'BAD_CHECK_DIGIT',
    });
  });
});

it('maskPayee shows the last four digits and the bank only', () => {
  expect(
    maskPayee({ accountName: '李秀英', bankName: '农行', accountNumber: '6228480123456780014' }),
  ).toEqual({ accountMasked: '****0014', bankName: '农行' });
});
