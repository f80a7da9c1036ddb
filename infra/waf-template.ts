import { webAclTemplate } from "./waf";

/**
 * `npm run waf-template -- <stage>`: prints the CloudFormation template of the stage's web ACL
 * (infra/waf.ts), to deploy in us-east-1:
 *
 *   npm run --silent waf-template -- production > waf.json
 *   aws cloudformation deploy --region us-east-1 --stack-name sprida-production-waf \
 *     --template-file waf.json
 *   aws cloudformation describe-stacks --region us-east-1 --stack-name sprida-production-waf \
 *     --query "Stacks[0].Outputs[?OutputKey=='WebAclArn'].OutputValue" --output text
 */
const stage = process.argv[2]?.trim();
if (!stage || !/^[a-z0-9-]+$/i.test(stage)) {
  console.error(
    "Usage: npm run --silent waf-template -- <stage>   (prints the us-east-1 template)",
  );
  process.exit(2);
}
console.log(JSON.stringify(webAclTemplate(stage), null, 2));
