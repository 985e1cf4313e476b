import {
  maskBankAccount,
  maskIdNumber,
  maskPersonName,
  maskPhone,
  maskSensitive,
  maskText,
  sensitiveReplacer,
} from './mask';

describe('maskers', () => {
  it('keeps the first 4 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
  it('keeps the last 4 of a bank account, fixed width', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('****0123');
    expect(maskBankAccount('6222 0212 3456 7890')).toBe('****7890');
  });
  it('keeps 3 + 4 digits of a mobile', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 13812345678')).toBe('+86 138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('maskText', () => {
  it('masks ID numbers, phones and accounts inside free text', () => {
    const s = '申请人身份证110105194912310021，手机13812345678，账号6222021234567890123。';
    expect(maskText(s)).toBe('申请人身份证1101**********0021，手机138****5678，账号****0123。');
  });
  it('masks space-grouped card numbers', () => {
    expect(maskText('卡号 6222 0212 3456 7890 123 已绑定')).toBe('卡号 ****0123 已绑定');
  });
  it('leaves a USCC with letters, dates, amounts and ids alone', () => {
    const s = '企业91350100M000100Y43 于2026-03-01 获¥1,234.56，编号pay_012345678901234';
    expect(maskText(s)).toBe(s);
  });
  it('does not treat a short number as an account', () => {
    expect(maskText('共1234567笔')).toBe('共1234567笔'); // 7 digits: a count, not an account
  });

  it('masks corporate accounts of 8 to 30 digits as well as cards (issue #10 review)', () => {
    expect(maskText('账号 62284801000000009123 不存在')).toBe('账号 ****9123 不存在');
    expect(maskText('对公账户27100101040012345已冻结')).toBe('对公账户****2345已冻结');
  });
});

describe('structured masking', () => {
  const payload = {
    applicationId: 'app_000001',
    amountFen: 123456,
    subject: { name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
    account: { bankName: '农业银行', accountNumber: '622848 0012' },
    notes: ['联系 13900001111'],
  };

  it('works as a JSON.stringify replacer', () => {
    const out = JSON.parse(JSON.stringify(payload, sensitiveReplacer));
    expect(out.subject).toEqual({
      name: '张三',
      idNumber: '1101**********002X',
      phone: '138****5678',
    });
    expect(out.account.accountNumber).toBe('****0012'); // masked by its key although too short for the pattern
    expect(out.notes).toEqual(['联系 139****1111']);
    expect(out.amountFen).toBe(123456);
  });

  it('returns a masked deep copy and leaves the input unchanged', () => {
    const out = maskSensitive(payload);
    expect(out.subject.idNumber).toBe('1101**********002X');
    expect(payload.subject.idNumber).toBe('11010519491231002X');
  });
});

describe('maskPersonName (issue 14: 公示 names)', () => {
  it.each([
    ['王小明', '王*明'],
    ['李四', '李*'],
    ['欧阳小明', '欧**明'],
    ['张', '*'],
  ])('%s → %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });
});
