/**
 * The calendars of non-working days (法定节假日 and the days off around them) and make-up working
 * days (调休上班) that ship with Fuhua. An officer can replace a year with `PUT /v1/calendar/{year}`;
 * a year with neither counts Saturdays and Sundays only.
 */
export interface Holiday {
  name: string;
  /** First and last day off, both included (weekends inside the range are listed too). */
  from: string;
  to: string;
}

export interface ShippedCalendar {
  year: number;
  /** `official`: as the State Council published it; `provisional`: built before the notice was out. */
  source: 'official' | 'provisional';
  basis: string;
  holidays: Holiday[];
  makeUpWorkingDays: string[];
}

export const SHIPPED_CALENDARS: readonly ShippedCalendar[] = [
  {
    year: 2026,
    source: 'official',
    basis: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  {
    // The State Council's notice for 2027 was not at hand when this was written. These days follow
    // the statutory holidays (全国年节及纪念日放假办法, as amended in 2024: Spring Festival 8 days from
    // New Year's Eve, Labour Day 5 days, National Day 7 days, the others joined to a weekend) on the
    // 2027 lunar calendar. Check them against the notice and replace them with PUT /v1/calendar/2027.
    year: 2027,
    source: 'provisional',
    basis: '按《全国年节及纪念日放假办法》（2024年修订）与2027年农历推算，待国务院办公厅通知发布后核对替换',
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-12' },
      { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
    ],
    makeUpWorkingDays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  },
];
