// Offices and their fictional phone ranges: +1 NXX 555-01xx (reserved for fiction by NANPA),
// +44 20 7946 0xxx (Ofcom drama range), +61 2 5550 xxxx (ACMA drama range).

export type OfficeKey = 'SEA' | 'NYC' | 'LON' | 'SYD' | 'TOR'

export interface Office {
  city: string
  country: string
  preferredLanguage: string
  buildings: readonly string[]
  /** The n-th business phone of this office (n from 0, unique per office). */
  phone(n: number): string
  /** The n-th mobile number, or null where no fictional mobile range is used. */
  mobile(n: number): string | null
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

export const OFFICES: Record<OfficeKey, Office> = {
  SEA: {
    city: 'Seattle',
    country: 'United States',
    preferredLanguage: 'en-US',
    buildings: ['Building 4', 'Building 7'],
    phone: (n) => `+1 ${206 + 100 * Math.floor(n / 100)} 555 01${pad(n % 100, 2)}`,
    mobile: (n) => `+1 ${425 + 100 * Math.floor(n / 100)} 555 01${pad(n % 100, 2)}`,
  },
  NYC: {
    city: 'New York',
    country: 'United States',
    preferredLanguage: 'en-US',
    buildings: ['Hudson Tower'],
    phone: (n) => `+1 212 555 01${pad(n % 100, 2)}`,
    mobile: (n) => `+1 917 555 01${pad(n % 100, 2)}`,
  },
  LON: {
    city: 'London',
    country: 'United Kingdom',
    preferredLanguage: 'en-GB',
    buildings: ['Thames House'],
    phone: (n) => `+44 20 7946 0${pad(n % 1000, 3)}`,
    mobile: (n) => `+44 7700 900${pad(n % 1000, 3)}`,
  },
  SYD: {
    city: 'Sydney',
    country: 'Australia',
    preferredLanguage: 'en-AU',
    buildings: ['Harbour Point'],
    phone: (n) => `+61 2 5550 ${pad(n % 10000, 4)}`,
    mobile: () => null,
  },
  TOR: {
    city: 'Toronto',
    country: 'Canada',
    preferredLanguage: 'en-CA',
    buildings: ['King Street West'],
    phone: (n) => `+1 416 555 01${pad(n % 100, 2)}`,
    mobile: (n) => `+1 647 555 01${pad(n % 100, 2)}`,
  },
}
