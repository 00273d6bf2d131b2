import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { maskedIdNumber, maskedPhone } from './person.presenter.js';
import type { SearchRows } from './search.service.js';

export interface SearchHit {
  type: 'person' | 'household' | 'house' | 'place' | 'organization';
  id: string;
  title: string;
  subtitle: string;
  gridCode: string;
}

/** People first (masked), then households, houses, places and organisations; at most twice the limit in all. */
export function presentSearchHits(rows: SearchRows, cipher: PersonalDataCipher, limit: number): SearchHit[] {
  const people = rows.people.map((p) => {
    const phone = maskedPhone(cipher, p.phone_enc);
    const subtitle = `${maskedIdNumber(cipher, p.id_number_enc)}${phone ? ` · ${phone}` : ''}`;
    return { type: 'person' as const, id: p.id, title: p.name, subtitle, gridCode: p.grid_code };
  });
  return [
    ...people,
    ...rows.households.map((h) => ({
      type: 'household' as const,
      id: h.id,
      title: h.address,
      subtitle: h.number,
      gridCode: h.grid_code,
    })),
    ...rows.houses.map((h) => ({
      type: 'house' as const,
      id: h.id,
      title: h.address,
      subtitle: h.use,
      gridCode: h.grid_code,
    })),
    ...rows.places.map((p) => ({
      type: 'place' as const,
      id: p.id,
      title: p.name,
      subtitle: p.address,
      gridCode: p.grid_code,
    })),
    ...rows.organizations.map((o) => ({
      type: 'organization' as const,
      id: o.id,
      title: o.name,
      subtitle: o.credit_code ?? o.address,
      gridCode: o.grid_code,
    })),
  ].slice(0, limit * 2);
}
