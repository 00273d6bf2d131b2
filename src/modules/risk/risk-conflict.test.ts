import { describe, expect, it } from 'vitest';
import { findConflict, normaliseOrgName } from './risk-conflict.js';

const firm = {
  name: '甘肃祁连工程咨询有限公司',
  creditCode: '91620702MA71234567',
  ties: [{ name: '高台县自然资源局', creditCode: '11620724013901234X', relation: '常年法律顾问' }],
};

describe('assessor conflict of interest', () => {
  it('matches ties by credit code or by a normalised name, and the firm itself', () => {
    expect(findConflict({ firm, implementingBody: '别的名称', implementingCreditCode: '11620724013901234x' })).toEqual({
      by: 'credit_code',
      tie: '高台县自然资源局',
      relation: '常年法律顾问',
    });
    expect(findConflict({ firm, implementingBody: ' 高台县 自然资源局 ', implementingCreditCode: null })).toMatchObject(
      { by: 'name' },
    );
    expect(
      findConflict({ firm, implementingBody: '甘肃祁连工程咨询有限责任公司', implementingCreditCode: null }),
    ).toMatchObject({ by: 'name', relation: '本机构' });
    expect(
      findConflict({ firm, implementingBody: '高台县住房和城乡建设局', implementingCreditCode: '11620724013909999A' }),
    ).toBeNull();
    expect(normaliseOrgName('张掖（甘州）城投股份有限公司')).toBe(normaliseOrgName('张掖(甘州)城投'));
  });
});
