/** The words of the officer workspace (keys start with `workspace.officer.` or `officer.`). */
export const OFFICER_ZH = {
  'workspace.officer.intro': '审核申请、管理项目与活动、核实补贴',
} as const;

export const OFFICER_EN: Record<keyof typeof OFFICER_ZH, string> = {
  'workspace.officer.intro': 'Review applications, run startups and events, verify claims',
};
