// Client families from user agents: what tools an actor used (aws-cli, boto3, Terraform, a browser...).

export interface ClientFamily {
  family: string;
  kind: 'cli' | 'sdk' | 'iac' | 'attack-tool' | 'browser' | 'ide' | 'aws-service' | 'other';
}

// First match wins; order from most to least specific.
const FAMILIES: Array<[RegExp, ClientFamily]> = [
  [/stratus-red-team/i, { family: 'Stratus Red Team', kind: 'attack-tool' }],
  [/pacu/i, { family: 'Pacu', kind: 'attack-tool' }],
  [/scoutsuite|prowler|cloudsploit|steampipe/i, { family: 'cloud security scanner', kind: 'attack-tool' }],
  [/kali|parrot/i, { family: 'penetration-testing distribution', kind: 'attack-tool' }],
  [/AmazonQ-For-VSCode|AWS-Toolkit-For-VSCode|aws-toolkit-vscode/i, { family: 'VS Code (AWS Toolkit / Amazon Q)', kind: 'ide' }],
  [/jetbrains|AmazonQ-For-JetBrains|aws-toolkit-jetbrains|IntelliJ|PyCharm/i, { family: 'JetBrains IDE (AWS Toolkit / Amazon Q)', kind: 'ide' }],
  [/AmazonQ-For-VisualStudio|AWSToolkitForVisualStudio|Visual ?Studio/i, { family: 'Visual Studio', kind: 'ide' }],
  [/Eclipse/i, { family: 'Eclipse', kind: 'ide' }],
  [/Terraform|HashiCorp/i, { family: 'Terraform', kind: 'iac' }],
  [/aws-cdk|cloudformation\.amazonaws\.com/i, { family: 'CloudFormation / CDK', kind: 'iac' }],
  [/aws-cli\//i, { family: 'AWS CLI', kind: 'cli' }],
  [/Boto3|botocore/i, { family: 'Python boto3', kind: 'sdk' }],
  [/aws-sdk-js|aws-sdk-nodejs|@aws-sdk/i, { family: 'AWS SDK for JavaScript', kind: 'sdk' }],
  [/aws-sdk-go/i, { family: 'AWS SDK for Go', kind: 'sdk' }],
  [/aws-sdk-java/i, { family: 'AWS SDK for Java', kind: 'sdk' }],
  [/aws-sdk-(dotnet|net)/i, { family: 'AWS SDK for .NET', kind: 'sdk' }],
  [/aws-sdk-rust/i, { family: 'AWS SDK for Rust', kind: 'sdk' }],
  [/^console\.amazonaws\.com|signin\.amazonaws\.com|AWS Internal/i, { family: 'AWS console', kind: 'browser' }],
  [/Mozilla\/|Chrome\/|Safari\/|Firefox\//i, { family: 'web browser', kind: 'browser' }],
  [/curl\/|python-requests|Go-http-client|okhttp|PostmanRuntime/i, { family: 'raw HTTP client', kind: 'other' }],
  [/^[a-z0-9.-]+\.amazonaws\.com$/i, { family: 'AWS service', kind: 'aws-service' }],
];

export function clientFamily(userAgent: string | null | undefined): ClientFamily {
  if (!userAgent) return { family: 'unknown', kind: 'other' };
  for (const [re, family] of FAMILIES) if (re.test(userAgent)) return family;
  return { family: 'other', kind: 'other' };
}
