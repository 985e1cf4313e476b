/**
 * 办件编号 for people (issue #17): the stored id is a 26-character machine id (`app_01JC…`);
 * people read, say and search a short code derived from it deterministically: the day it was
 * created (YYMMDD, Asia/Shanghai) and six Crockford base-32 characters of a hash of the id
 * (30 bits: within one day's few hundred items a clash is negligible, and a search by code
 * checks the whole code). No I, L, O or U, so it survives being read aloud and retyped.
 */
import { localDateOf, type Instant } from './calendar';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** FNV-1a, 32 bits: a stable, well-spread hash of the id (not a secret). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `201215-7K3M9Q` */
export function displayCodeOf(id: string, createdAt: Instant): string {
  let h = fnv1a(id);
  let tail = '';
  for (let i = 0; i < 6; i++) {
    tail += ALPHABET.charAt(h % 32);
    h = Math.floor(h / 32);
  }
  return `${localDateOf(createdAt).slice(2).replace(/-/g, '')}-${tail}`;
}

/** Normalises what a person typed (lower case, spaces, O for 0, I/L for 1) before comparing. */
export function normaliseDisplayCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
