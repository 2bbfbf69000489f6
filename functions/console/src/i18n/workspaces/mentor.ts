/** The words of the mentor workspace (keys start with `workspace.mentor.` or `mentor.`). */
export const MENTOR_ZH = {
  'workspace.mentor.intro': '我的项目、辅导记录与评审任务',
} as const;

export const MENTOR_EN: Record<keyof typeof MENTOR_ZH, string> = {
  'workspace.mentor.intro': 'My startups, sessions and scoring tasks',
};
