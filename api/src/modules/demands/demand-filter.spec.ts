import { ZDemandFilter } from '@hamandishi/contracts';
import { demandFilterSql } from './demand-filter';

const planId = '8f0c0c3e-3b9a-4b53-9d8e-0a9b4f5a1e11';
const themeA = '8f0c0c3e-3b9a-4b53-9d8e-0a9b4f5a1e12';
const options = { organizationId: 'org', timeZone: 'Asia/Tehran' };

describe('demandFilterSql', () => {
  it('always scopes by organisation and plan', () => {
    const sql = demandFilterSql(ZDemandFilter.parse({ planId }), options);
    expect(sql.where).toBe('d.organization_id = $1 AND d.plan_id = $2');
    expect(sql.params).toEqual(['org', planId]);
  });

  it('turns query-string lists into any-of parameters, numbered after the caller’s own', () => {
    const filter = ZDemandFilter.parse({ planId, themeIds: themeA, priorities: '1,3', untagged: 'false' });
    const sql = demandFilterSql(filter, { ...options, alias: 'x', paramOffset: 2 });
    expect(sql.where).toContain('dt.theme_id = ANY($5::uuid[])');
    expect(sql.where).toContain('x.priority = ANY($6::smallint[])');
    expect(sql.where).toContain('EXISTS (SELECT 1 FROM demand_theme dt WHERE dt.demand_id = x.id)');
    expect(sql.params.slice(2)).toEqual([[themeA], [1, 3]]);
  });

  it('searches every Persian-normalised word (ك→ک, ي→ی, Persian digits, punctuation dropped)', () => {
    const sql = demandFilterSql(ZDemandFilter.parse({ planId, q: 'پاركينگ  ۵۰%' }), options);
    expect(sql.params.slice(2)).toEqual(['%پارکینگ%', '%50%']);
  });

  it('reads dates as the municipality’s calendar days', () => {
    const sql = demandFilterSql(ZDemandFilter.parse({ planId, from: '2026-03-21', to: '2026-03-21' }), options);
    expect(sql.where).toContain('d.occurred_at >= ($4::date)::timestamp AT TIME ZONE $3');
    expect(sql.where).toContain('d.occurred_at < ($5::date + 1)::timestamp AT TIME ZONE $3');
  });

  it('refuses a field that does not exist', () => {
    expect(ZDemandFilter.safeParse({ planId, colour: 'red' }).success).toBe(false);
  });
});
