/** The id source of functions/ (shared/ takes ids injected, STYLE §11). */
import { randomBytes } from 'node:crypto';
import { makeNewId, type NewId } from '../../shared/ids';

export const newId: NewId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });
