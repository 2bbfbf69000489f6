/** The words of the park workspace (keys start with `workspace.park.` or `park.`). */
export const PARK_ZH = {
  'workspace.park.intro': '社区与工位、入驻分配与候补',
} as const;

export const PARK_EN: Record<keyof typeof PARK_ZH, string> = {
  'workspace.park.intro': 'Communities and units, allocations and the waitlist',
};
