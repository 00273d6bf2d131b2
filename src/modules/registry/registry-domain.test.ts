import { describe, expect, it } from 'vitest';
import { diffFields } from './element-diff.js';
import { nextVisitDue, SPECIAL_GROUPS, specialGroup, unknownDetailKeys } from './special-groups.js';

describe('special groups', () => {
  it('covers the GB/T 31000 groups and the city lists', () => {
    expect(SPECIAL_GROUPS.map((g) => g.name)).toEqual(
      expect.arrayContaining([
        '刑满释放人员',
        '社区矫正对象',
        '严重精神障碍患者',
        '吸毒人员',
        '艾滋病危险性人员',
        '重点青少年',
        '留守儿童',
        '留守老人',
        '困难群体',
        '重点信访人员',
      ]),
    );
    expect(new Set(SPECIAL_GROUPS.map((g) => g.tag)).size).toBe(SPECIAL_GROUPS.length);
  });
  it('refuses unknown detail fields', () => {
    expect(unknownDetailKeys('community_correction', { startDate: '2026-01-01', colour: 'red' })).toEqual(['colour']);
    expect(unknownDetailKeys('nope', { a: 1 })).toEqual(['a']);
    expect(specialGroup('key_petitioner')?.visitIntervalDays).toBe(7);
  });
  it('computes the next visit', () => {
    expect(nextVisitDue(new Date('2026-11-28T02:00:00Z'), 7).toISOString()).toBe('2026-12-05T02:00:00.000Z');
  });
});

describe('diffFields', () => {
  it('lists changed fields only and hides personal values', () => {
    const d = diffFields(
      { name: '张三', phone: '13900000000', status: 'present' },
      { name: '张三丰', phone: '13900000001', status: 'present' },
    );
    expect(d).toEqual({ name: { from: '张三', to: '张三丰' }, phone: { from: '(已变更)', to: '(已变更)' } });
  });
  it('says a personal field was added or removed without its value', () => {
    expect(diffFields({ phone: null }, { phone: '13900000000' })).toEqual({ phone: { from: null, to: '(已变更)' } });
    expect(diffFields({ phone: '13900000000' }, { phone: null })).toEqual({ phone: { from: '(已变更)', to: null } });
  });
  it('treats a first version as all new', () => {
    expect(diffFields(null, { name: '李四', idNumber: 'x' })).toEqual({
      name: { from: null, to: '李四' },
      idNumber: { from: null, to: '(已变更)' },
    });
  });
});
