// @ts-check
/**
 * CloudFormation pieces that serverless.yml pulls in with ${file(./infra/cfn.js):…}.
 * Plain JS because osls resolves only JS/JSON/YAML files as variables.
 *
 * - tableProperties: infra/table.json (the single definition) plus the stage's table name.
 * - roles: one IAM role per function, granting only the table actions it lists in
 *   custom.access (least privilege; a function that lists nothing gets no table access):
 *   `dynamodb` actions on the table and its indexes, `sqs` on the segment queue (or the
 *   queue `sqsQueue` names: the feed ranges' FeedRangeQueue), `s3` on
 *   the upload bucket's uploads/ prefix, or the narrower `s3Prefix` (feed files: uploads/feeds/),
 *   `s3Exports` on its exports/ prefix (issue 14's per-policy CSV), `streams` on the table's
 *   stream (the notice sender), `dlq` on the notices dead-letter queue.
 */
const table = require('./table.json');

module.exports.tableProperties = async ({ resolveVariable }) => ({
  TableName: await resolveVariable('self:custom.tableName'),
  ...table,
});

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);

function statements(access) {
  const out = [];
  if (access.dynamodb?.length) {
    out.push({
      Effect: 'Allow',
      Action: access.dynamodb.map((a) => `dynamodb:${a}`),
      Resource: [
        { 'Fn::GetAtt': ['ZhidaTable', 'Arn'] },
        { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['ZhidaTable', 'Arn'] }, 'index', '*']] },
      ],
    });
  }
  if (access.sqs?.length) {
    out.push({
      Effect: 'Allow',
      Action: access.sqs.map((a) => `sqs:${a}`),
      Resource: [{ 'Fn::GetAtt': [access.sqsQueue ?? 'SegmentQueue', 'Arn'] }],
    });
  }
  if (access.streams?.length) {
    out.push({
      Effect: 'Allow',
      Action: access.streams.map((a) => `dynamodb:${a}`),
      Resource: [{ 'Fn::GetAtt': ['ZhidaTable', 'StreamArn'] }],
    });
  }
  if (access.dlq?.length) {
    out.push({
      Effect: 'Allow',
      Action: access.dlq.map((a) => `sqs:${a}`),
      Resource: [{ 'Fn::GetAtt': ['NoticeDlq', 'Arn'] }],
    });
  }
  if (access.s3?.length) {
    // objects only, and only under uploads/ (or a narrower prefix): never list or delete the bucket
    const prefix = access.s3Prefix ?? 'uploads/';
    if (!prefix.startsWith('uploads/'))
      throw new Error(`s3Prefix must be under uploads/: ${prefix}`);
    out.push({
      Effect: 'Allow',
      Action: access.s3.map((a) => `s3:${a}`),
      Resource: [{ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'UploadBucket' }, `/${prefix}*`]] }],
    });
  }
  if (access.s3Exports?.length) {
    // the audit exports (issue 14): written and read under exports/ only
    out.push({
      Effect: 'Allow',
      Action: access.s3Exports.map((a) => `s3:${a}`),
      Resource: [{ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'UploadBucket' }, '/exports/*']] }],
    });
  }
  return out;
}

function role(service, stage, fn, access) {
  const logGroup = `arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${service}-${stage}-${fn}:*`;
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['lambda.amazonaws.com'] },
            Action: ['sts:AssumeRole'],
          },
        ],
      },
      Policies: [
        {
          PolicyName: `${fn}-least-privilege`,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: [{ 'Fn::Sub': logGroup }],
              },
              ...statements(access),
            ],
          },
        },
      ],
    },
  };
}

module.exports.roles = async ({ resolveVariable }) => {
  const service = await resolveVariable('self:service');
  const stage = await resolveVariable('sls:stage');
  const access = await resolveVariable('self:custom.access');
  return Object.fromEntries(
    Object.entries(access).map(([fn, a]) => [`${pascal(fn)}Role`, role(service, stage, fn, a)]),
  );
};

/**
 * Production is safe by construction (DESIGN §13): the local stack's switches (dev login,
 * fake WeChat, a shifted clock, schedule time travel) exist only on the `local` stage that
 * `npm start` runs. Packaging or deploying any other stage with one of them set fails here,
 * while osls resolves the configuration, before anything is built.
 */
const LOCAL_STAGES = ['local'];
const LOCAL_SWITCHES = {
  DEV_LOGIN: (v) => v !== 'off',
  WECHAT_MODE: (v) => v !== 'api',
  ZHIDA_CLOCK_OFFSET_MS: (v) => v !== '0',
  SCHEDULE_CLOCK_OVERRIDE: (v) => v !== 'off',
};
/** The switches set in `env` that a non-local stage refuses (unset, or the production value, is fine). */
function localSwitchesSet(env) {
  return Object.entries(LOCAL_SWITCHES)
    .filter(
      ([name, isOn]) =>
        env[name] !== undefined && env[name] !== '' && isOn(String(env[name]).trim()),
    )
    .map(([name]) => `${name}=${env[name]}`);
}
module.exports.localSwitchesSet = localSwitchesSet;
module.exports.refuseLocalSwitches = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  if (LOCAL_STAGES.includes(stage)) return 'allowed (local stage)';
  const set = localSwitchesSet(process.env);
  if (set.length) {
    throw new Error(
      `stage "${stage}" refuses the local-only switches ${set.join(', ')}: unset them (they exist only for npm start, stage local)`,
    );
  }
  return 'none set';
};
