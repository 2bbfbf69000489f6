/** Stack names and output names: shared by the stack, `npm run create-user` and the deploy guide. */
export const OUTPUTS = {
  consoleUrl: 'ConsoleUrl',
  apiUrl: 'ApiUrl',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  tableName: 'TableName',
  eventBusName: 'EventBusName',
  documentsBucketName: 'DocumentsBucketName',
} as const;

export function stackName(stage: string): string {
  return `Fuhua-${stage}`;
}
