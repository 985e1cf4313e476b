import { deriveSubjectId, subjectIdDerivation, subjectIdOf } from './subjects';

describe('subject ids (case 9)', () => {
  const saved = process.env.SUBJECT_ID_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.SUBJECT_ID_KEY;
    else process.env.SUBJECT_ID_KEY = saved;
  });
  const code = '11010519491231002X';

  it('case 9: refuses to derive an id without SUBJECT_ID_KEY, or with one shorter than 32 characters', () => {
    delete process.env.SUBJECT_ID_KEY;
    expect(() => subjectIdOf(code)).toThrow('SUBJECT_ID_KEY must be set (≥ 32 chars)');
    process.env.SUBJECT_ID_KEY = 'too-short';
    expect(() => subjectIdOf(code)).toThrow('SUBJECT_ID_KEY must be set (≥ 32 chars)');
    expect(() => subjectIdDerivation()).toThrow('SUBJECT_ID_KEY');
  });

  it('case 9: the id depends on the key and on the normalised code only', () => {
    process.env.SUBJECT_ID_KEY = 'k'.repeat(32);
    const id = subjectIdOf(code);
    expect(id).toMatch(/^sub_[0-9a-f]{24}$/);
    expect(subjectIdOf(` ${code.toLowerCase()}`)).toBe(id);
    expect(deriveSubjectId(code, 'k'.repeat(32))).toBe(id);
    expect(deriveSubjectId(code, 'j'.repeat(32))).not.toBe(id);
    expect(subjectIdDerivation()).toMatch(/^hmac-sha256\/v1\/[0-9a-f]{16}$/);
    expect(subjectIdDerivation('j'.repeat(32))).not.toBe(subjectIdDerivation());
  });
});
