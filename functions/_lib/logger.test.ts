import { logger } from './logger';

describe('logger', () => {
  it('never writes an ID-card number, phone or bank account in clear', () => {
    const lines: string[] = [];
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    try {
      logger.setLogLevel('INFO');
      logger.info('payee confirmed', {
        idNumber: '11010519491231002X',
        note: '身份证 11010519491231002X，电话 13812345678',
        payee: { bankAccount: '6222021234567890123' },
      });
    } finally {
      spy.mockRestore();
    }
    const out = lines.join('');
    expect(out).toContain('payee confirmed');
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('6222021234567890123');
    expect(out).toMatch(/0123/); // the last four of the account stay readable for support staff
  });
});
