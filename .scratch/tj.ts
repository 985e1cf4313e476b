import { z } from 'zod';
import { ROUTES } from '../shared/contracts';
for (const r of ROUTES) {
  for (const part of ['params','query','body','response'] as const) {
    const s = r[part];
    if (!s) continue;
    try { const j = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }); if (r.name==='listPayments' || r.name==='holdPayable') console.log(r.name, part, JSON.stringify(j).slice(0,300)); }
    catch (e) { console.log('ERR', r.name, part, (e as Error).message); }
  }
}
