/**
 * Builds the real deployable with `osls package` (offline, no credentials) and checks the
 * CloudFormation it would deploy: the single table as infra/table.json defines it, the
 * schedules, and least-privilege IAM (one role per function, only the actions it lists).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'yaml';
import table from '../../infra/table.json';
import { METRIC, NAMESPACE, SERVICE } from '../../functions/_lib/metrics';
import { ROUTES } from '../../shared/contracts';

type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation properties of every resource type
let resources: Record<string, Resource>;
let outDir: string;
let config: {
  functions: Record<
    string,
    { role: string; events?: unknown[]; environment?: Record<string, unknown> }
  >;
  custom: {
    access: Record<
      string,
      {
        dynamodb?: string[];
        sqs?: string[];
        s3?: string[];
        streams?: string[];
        dlq?: string[];
        s3Exports?: string[];
      }
    >;
  };
};

const ROOT = path.resolve(__dirname, '../..');
const CI_TREASURY_SECRET = 'ci-treasury-secret-ci-treasury-secret-0123';

/** A deployer's shell: none of the local stack's switches (other jest projects set them in this process). */
function deployerEnv(): NodeJS.ProcessEnv {
  const local =
    /^(ZHIDA_|DEV_LOGIN|SCHEDULE_CLOCK_OVERRIDE|WECHAT_MODE|UPLOAD_BUCKET|TABLE_NAME|TREASURY_URL|TREASURY_HMAC_SECRET|AWS_ENDPOINT_URL|SESSION_SECRET|SUBJECT_ID_KEY)/;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !local.test(k)));
}

/** What a deployer must provide: no default exists for any of them. */
const SECRETS = {
  SESSION_SECRET: 'ci-secret-ci-secret-ci-secret-0123456',
  SUBJECT_ID_KEY: 'ci-subject-id-key-ci-subject-id-key-012345',
  TREASURY_URL: 'https://treasury.example.invalid',
  TREASURY_HMAC_SECRET: CI_TREASURY_SECRET,
};

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'zhida-pkg-'));
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/osls'),
    ['package', '--stage', 'ci', '--package', outDir, '--region', 'ap-east-1'],
    {
      cwd: ROOT,
      env: {
        ...deployerEnv(),
        ...SECRETS,
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
      },
      stdio: 'pipe',
      timeout: 300_000,
    },
  );
  resources = JSON.parse(
    readFileSync(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ).Resources;
  const state = JSON.parse(readFileSync(path.join(outDir, 'serverless-state.json'), 'utf8'));
  config = state.service;
}, 300_000);

/** The files of a zip (stored or deflated, as osls writes them): enough to read our own artifacts. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let entry = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const [method, size, nameLength] = [
      zip.readUInt16LE(entry + 10),
      zip.readUInt32LE(entry + 20),
      zip.readUInt16LE(entry + 28),
    ];
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    const local = zip.readUInt32LE(entry + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (!name.endsWith('/'))
      files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return files;
}

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('osls package → CloudFormation', () => {
  it('declares the single table exactly as infra/table.json, with TTL and a stream', () => {
    const [[, t] = []] = ofType('AWS::DynamoDB::Table');
    expect(t?.Properties.TableName).toBe('zhida-ci');
    expect(
      t?.Properties.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName),
    ).toEqual(table.GlobalSecondaryIndexes.map((g) => g.IndexName));
    expect(t?.Properties.KeySchema).toEqual(table.KeySchema);
    expect(t?.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    expect(t?.Properties.StreamSpecification.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(t?.Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('gives every function its own role, and no role more than the table actions it lists', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBe(Object.keys(config.functions).length);
    const roleNames = functions.map(([, f]) => f.Properties.Role?.['Fn::GetAtt']?.[0]);
    expect(new Set(roleNames).size).toBe(functions.length);
    for (const [name, fn] of Object.entries(config.functions)) {
      const role = resources[fn.role];
      expect(role?.Type).toBe('AWS::IAM::Role');
      const statements = role!.Properties.Policies.flatMap(
        (p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement,
      );
      const actions = statements.flatMap((s: { Action: string[] }) => s.Action);
      const listed = config.custom.access[name] ?? {};
      const allowed = [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        ...(listed.dynamodb ?? []).map((a) => `dynamodb:${a}`),
        ...(listed.sqs ?? []).map((a) => `sqs:${a}`),
        ...(listed.s3 ?? []).map((a) => `s3:${a}`),
        ...(listed.streams ?? []).map((a) => `dynamodb:${a}`),
        ...(listed.dlq ?? []).map((a) => `sqs:${a}`),
        ...(listed.s3Exports ?? []).map((a) => `s3:${a}`),
      ];
      expect(actions.sort()).toEqual(allowed.sort());
      expect(actions.some((a: string) => a.endsWith(':*'))).toBe(false);
      expect(JSON.stringify(statements)).not.toContain('"Resource":"*"');
    }
  });

  it('issue 16: only the functions that start a scan over the subjects may describe the table (to size its segments)', () => {
    const describing = Object.entries(resources)
      .filter(
        ([, r]) =>
          r.Type === 'AWS::IAM::Role' &&
          JSON.stringify(r.Properties).includes('"dynamodb:DescribeTable"'),
      )
      .map(([name]) => name)
      .sort();
    expect(describing).toEqual([
      'AutoGrantRole',
      'PopulationRole',
      'RefreshPopulationRole',
      'StartRunRole',
      'StartSandboxRole',
      'TransitionPolicyVersionRole',
    ]);
  });

  const streamMappings = () =>
    ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) =>
        JSON.stringify(m.Properties.EventSourceArn) ===
        JSON.stringify({ 'Fn::GetAtt': ['ZhidaTable', 'StreamArn'] }),
    );
  const mappingOf = (fn: string) =>
    streamMappings().find(
      ([, m]) =>
        JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fn, 'Arn'] }),
    );

  it('issue 14: sends notices from the table stream (inserted outbox records only), bisecting a failed batch, with a DLQ, and only the sender, the grant deriver and the counters read the stream', () => {
    // issue 16: the grant deriver and the dashboard counters also read it (their own tests below)
    expect(streamMappings()).toHaveLength(3);
    const [, m] = mappingOf('NoticeSenderLambdaFunction') ?? [];
    expect(m?.Properties).toMatchObject({
      FunctionName: { 'Fn::GetAtt': ['NoticeSenderLambdaFunction', 'Arn'] },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['NoticeDlq', 'Arn'] } } },
    });
    const filters = (m?.Properties.FilterCriteria.Filters as { Pattern: string }[]).map(
      (f) => JSON.parse(f.Pattern) as unknown,
    );
    expect(filters).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['outbox'] } } } },
    ]);
    expect(resources.NoticeDlq?.Type).toBe('AWS::SQS::Queue');
    // the stream's actions on the stream ARN, for the sender alone
    const readers = Object.entries(config.custom.access)
      .filter(([, a]) => a.streams?.length)
      .map(([fn]) => fn);
    expect(readers.sort()).toEqual(['grantDeriver', 'noticeSender', 'statsCounters']);
    const statements = resources.NoticeSenderRole?.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']),
          Resource: [{ 'Fn::GetAtt': ['ZhidaTable', 'StreamArn'] }],
        }),
        expect.objectContaining({
          Action: ['sqs:SendMessage'],
          Resource: [{ 'Fn::GetAtt': ['NoticeDlq', 'Arn'] }],
        }),
      ]),
    );
  });

  it("issue 16: derives new grants' creation events and notices from the stream (inserted grants only), conditional puts only, with the DLQ", () => {
    const [, m] = mappingOf('GrantDeriverLambdaFunction') ?? [];
    expect(m?.Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      ParallelizationFactor: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['NoticeDlq', 'Arn'] } } },
    });
    const filters = (m?.Properties.FilterCriteria.Filters as { Pattern: string }[]).map(
      (f) => JSON.parse(f.Pattern) as unknown,
    );
    expect(filters).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['grant'] } } } },
      {
        eventName: ['INSERT'],
        dynamodb: { NewImage: { kind: { S: ['claim'] }, derive: { S: ['grant'] } } },
      },
    ]);
    expect(config.custom.access.grantDeriver?.dynamodb).toEqual([
      'GetItem',
      'PutItem',
      'UpdateItem',
    ]);
    // the functions that create grants leave the events and notice to it
    for (const fn of ['startRun', 'autoGrant', 'evaluateSegment'])
      expect(config.functions[fn]?.environment?.AUTO_GRANT_RECORDS).toBe('stream');
  });

  it('issue 16: keeps the dashboard counters from the table stream (application and grant state items only), retrying a failed batch until it counts', () => {
    const [, m] = mappingOf('StatsCountersLambdaFunction') ?? [];
    expect(m?.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['ZhidaTable', 'StreamArn'] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: -1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const filters = (m?.Properties.FilterCriteria.Filters as { Pattern: string }[]).map(
      (f) => JSON.parse(f.Pattern) as unknown,
    );
    expect(filters).toEqual([
      { dynamodb: { Keys: { PK: { S: [{ prefix: 'APP#' }] }, SK: { S: ['STATE'] } } } },
      { dynamodb: { Keys: { PK: { S: [{ prefix: 'GRANT#' }] }, SK: { S: ['STATE'] } } } },
    ]);
  });

  it("lets every signed-in route read its caller's user record (the session check: version, disabled)", () => {
    const missing: string[] = [];
    for (const [name, fn] of Object.entries(
      config.functions as unknown as Record<
        string,
        { handler: string; events?: { httpApi?: unknown }[] }
      >,
    )) {
      if (!fn.events?.some((e) => e.httpApi)) continue;
      // who may call is the route contract's (infra/routes.test.ts ties each function to its own)
      const route = ROUTES.find((r) => r.name === name);
      if (route?.access === 'public') continue;
      if (!(config.custom.access[name]?.dynamodb ?? []).includes('GetItem')) missing.push(name);
    }
    expect(missing).toEqual([]);
  });

  const READS_UPLOADS = [
    'ApplyLoanRole',
    'CreateApplicationRole',
    'OpenApplicationMaterialRole',
    'SupplementApplicationRole',
    'SupplementLoanRole',
  ];
  const FEED_ROLES = [
    'CreateFeedImportRole',
    'StartFeedImportRole',
    'ImportFeedRole',
    'ImportFeedRangeRole',
  ];

  it('issue 16: fans a large feed file out by byte ranges: the planner sends one message per range to its own queue, read one at a time by the range worker, with a DLQ and its alarm', () => {
    const queue = resources.FeedRangeQueue;
    expect(queue?.Type).toBe('AWS::SQS::Queue');
    const worker = resources.ImportFeedRangeLambdaFunction;
    expect(worker?.Properties.Timeout).toBe(900);
    // a message stays invisible longer than a worker can hold it
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThan(worker?.Properties.Timeout);
    expect(queue?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': ['FeedRangeDlq', 'Arn'] },
      maxReceiveCount: 5,
    });
    expect(resources.FeedRangeDlq?.Type).toBe('AWS::SQS::Queue');
    const [, mapping] =
      ofType('AWS::Lambda::EventSourceMapping').find(
        ([, m]) =>
          JSON.stringify(m.Properties.EventSourceArn) ===
          JSON.stringify({ 'Fn::GetAtt': ['FeedRangeQueue', 'Arn'] }),
      ) ?? [];
    expect(mapping?.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FunctionName: { 'Fn::GetAtt': ['ImportFeedRangeLambdaFunction', 'Arn'] },
      // bounds the table's write rate however many ranges a file has
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    for (const fn of ['ImportFeedLambdaFunction', 'ImportFeedRangeLambdaFunction'])
      expect(resources[fn]?.Properties.Environment.Variables.FEED_RANGE_QUEUE_URL).toEqual({
        Ref: 'FeedRangeQueue',
      });
    // each role reaches the feed queue only, and only as it must: the planner sends, the worker reads
    const sqsOf = (role: string) =>
      resources[role]!.Properties.Policies[0].PolicyDocument.Statement.filter(
        (st: { Action: string[] }) => st.Action.some((a) => a.startsWith('sqs:')),
      );
    expect(sqsOf('ImportFeedRole')).toEqual([
      expect.objectContaining({
        Action: ['sqs:SendMessage'],
        Resource: [{ 'Fn::GetAtt': ['FeedRangeQueue', 'Arn'] }],
      }),
    ]);
    expect(sqsOf('ImportFeedRangeRole')).toEqual([
      expect.objectContaining({ Resource: [{ 'Fn::GetAtt': ['FeedRangeQueue', 'Arn'] }] }),
    ]);
    expect(JSON.stringify(sqsOf('ImportFeedRangeRole'))).not.toContain('SendMessage');
    const alarm = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::CloudWatch::Alarm' &&
        JSON.stringify(r.Properties.Dimensions).includes('FeedRangeDlq'),
    );
    expect(alarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      AlarmActions: [{ Ref: 'AlarmTopic' }],
    });
  });

  it('keeps the upload bucket private and lets only the upload route write, under uploads/, and the feed routes under uploads/feeds/ only', () => {
    const bucket = resources.UploadBucket;
    expect(bucket?.Type).toBe('AWS::S3::Bucket');
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const withS3 = (action: string) =>
      Object.entries(resources)
        .filter(
          ([, r]) =>
            r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes(`s3:${action}`),
        )
        .map(([name]) => name)
        .sort();
    expect(withS3('PutObject')).toEqual([
      'CreateFeedImportRole',
      'CreateUploadRole',
      'ExportPolicyAuditRole',
    ]);
    expect(withS3('DeleteObject')).toEqual([]);
    // reading (HeadObject at submit and supplement, issue 14), never writing
    expect(
      withS3('GetObject').filter((r) => !FEED_ROLES.includes(r) && r !== 'ExportPolicyAuditRole'),
    ).toEqual(READS_UPLOADS);
    const s3Resources = (role: string) =>
      JSON.stringify(
        resources[role]!.Properties.Policies[0].PolicyDocument.Statement.filter(
          (st: { Action: string[] }) => st.Action.some((a) => a.startsWith('s3:')),
        ),
      );
    expect(s3Resources('CreateUploadRole')).toContain('/uploads/*');
    // the audit export (issue 14) writes and reads its CSVs under exports/ only, never uploads/
    expect(s3Resources('ExportPolicyAuditRole')).toContain('/exports/*');
    expect(s3Resources('ExportPolicyAuditRole')).not.toContain('/uploads/');
    for (const role of FEED_ROLES) {
      expect(s3Resources(role)).toContain('/uploads/feeds/*');
      expect(s3Resources(role)).not.toContain('/uploads/*"');
    }
    // only the create route may write a feed file (by signing the PUT); the import only reads
    expect(s3Resources('CreateFeedImportRole')).toContain('s3:PutObject');
    expect(s3Resources('ImportFeedRole')).not.toContain('s3:PutObject');
  });

  it('ships with every local-only switch off: no dev login, no clock shift, no schedule time travel', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        DEV_LOGIN: 'off',
        SCHEDULE_CLOCK_OVERRIDE: 'off',
        ZHIDA_CLOCK_OFFSET_MS: '0',
        WECHAT_MODE: 'api',
      });
    }
  });

  it('case 9: passes SUBJECT_ID_KEY (the key of subject ids) to every function', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables.SUBJECT_ID_KEY).toBe(SECRETS.SUBJECT_ID_KEY);
    }
  });

  it('case 9: cannot be packaged for prod without SUBJECT_ID_KEY', () => {
    const { SUBJECT_ID_KEY: _omitted, ...others } = SECRETS;
    let failure: { status: number | null; output: string } | undefined;
    try {
      execFileSync(
        path.join(ROOT, 'node_modules/.bin/osls'),
        [
          'package',
          '--stage',
          'prod',
          '--package',
          mkdtempSync(path.join(tmpdir(), 'zhida-pkg-nokey-')),
          '--region',
          'ap-east-1',
        ],
        {
          cwd: ROOT,
          env: {
            ...deployerEnv(),
            ...others,
            SLS_TELEMETRY_DISABLED: '1',
            SLS_NOTIFICATIONS_MODE: 'off',
          },
          stdio: 'pipe',
          timeout: 120_000,
        },
      );
    } catch (e) {
      const err = e as { status: number | null; stdout?: Buffer; stderr?: Buffer };
      failure = {
        status: err.status,
        output: `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`,
      };
    }
    expect(failure).toBeDefined();
    expect(failure?.status).not.toBe(0);
    expect(failure?.output).toMatch(/provider\.environment\.SUBJECT_ID_KEY/);
  }, 120_000);

  // Issue 12: production is safe by construction — a local-only switch fails the build itself.
  it.each([
    ['DEV_LOGIN', 'on'],
    ['WECHAT_MODE', 'fake'],
    ['ZHIDA_CLOCK_OFFSET_MS', '86400000'],
    ['SCHEDULE_CLOCK_OVERRIDE', 'on'],
  ])(
    'cannot be packaged for prod with %s=%s',
    (name, value) => {
      const run = spawnSync(
        path.join(ROOT, 'node_modules/.bin/osls'),
        [
          'package',
          '--stage',
          'prod',
          '--package',
          mkdtempSync(path.join(tmpdir(), 'zhida-pkg-local-')),
          '--region',
          'ap-east-1',
        ],
        {
          cwd: ROOT,
          env: {
            ...deployerEnv(),
            ...SECRETS,
            [name]: value,
            SLS_TELEMETRY_DISABLED: '1',
            SLS_NOTIFICATIONS_MODE: 'off',
          },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(run.status).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain(
        `stage "prod" refuses the local-only switches ${name}=${value}`,
      );
    },
    120_000,
  );

  it('lets the local stage (npm start) carry the local switches', () => {
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/osls'),
      ['print', '--stage', 'local', '--region', 'ap-east-1'],
      {
        cwd: ROOT,
        env: {
          ...deployerEnv(),
          ...SECRETS,
          DEV_LOGIN: 'on',
          WECHAT_MODE: 'fake',
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("DEV_LOGIN: 'on'");
  }, 120_000);

  it('serves the HTTP API, including the health route', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes).toContain('GET /v1/health');
    expect(routes).toContain('POST /v1/treasury/callback');
    expect(routes).toEqual(
      expect.arrayContaining(['POST /v1/auth/refresh', 'POST /v1/auth/logout']),
    );
  });

  it('gives the treasury secret to the two functions that talk to the treasury, and to no other', () => {
    const holders = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment.Variables.TREASURY_HMAC_SECRET !== undefined)
      .map(([name, fn]) => [name, fn.Properties.Environment.Variables.TREASURY_HMAC_SECRET]);
    expect(holders.sort()).toEqual([
      ['DisburseLambdaFunction', CI_TREASURY_SECRET],
      ['TreasuryCallbackLambdaFunction', CI_TREASURY_SECRET],
    ]);
  });

  it('refuses to build without TREASURY_HMAC_SECRET (required to deploy, never a default)', () => {
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/osls'),
      ['print', '--stage', 'ci', '--region', 'ap-east-1'],
      {
        cwd: ROOT,
        env: {
          ...deployerEnv(),
          SESSION_SECRET: SECRETS.SESSION_SECRET,
          SUBJECT_ID_KEY: SECRETS.SUBJECT_ID_KEY,
          TREASURY_URL: SECRETS.TREASURY_URL,
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status).not.toBe(0);
    // osls names the variable it could not resolve: custom.treasuryHmacSecret ← ${env:TREASURY_HMAC_SECRET}
    expect(`${run.stdout}${run.stderr}`).toMatch(/custom\.treasuryHmacSecret.*env/);
  }, 120_000);

  it('runs every function on nodejs24.x, bundled by esbuild for that same Node', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [, fn] of functions) expect(fn.Properties.Runtime).toBe('nodejs24.x');
    const yml = parse(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8'));
    expect(yml.provider.runtime).toBe('nodejs24.x');
    expect(yml.custom.esbuild.target).toBe('node24');
  });

  it('builds bundles the local Node (20.19+) still parses and runs: npm start serves these same builds', () => {
    const unpacked = path.join(outDir, 'unpacked');
    for (const zip of readdirSync(outDir).filter((f) => f.endsWith('.zip'))) {
      for (const [name, content] of unzip(readFileSync(path.join(outDir, zip)))) {
        if (!name.endsWith('.js')) continue;
        // compiles (without running) under this process's Node: no syntax only Node 24 knows
        expect(
          () =>
            new Script(
              `(function (exports, require, module, __filename, __dirname) {${content.toString('utf8')}\n})`,
              { filename: `${zip}/${name}` },
            ),
        ).not.toThrow();
        mkdirSync(path.dirname(path.join(unpacked, zip, name)), { recursive: true });
        writeFileSync(path.join(unpacked, zip, name), content);
      }
    }
    // and one of them answers, on a plain `node` outside jest
    const health = path.join(unpacked, 'health.zip/functions/http/health/handler.js');
    const event = {
      rawPath: '/v1/health',
      headers: {},
      requestContext: { http: { method: 'GET' } },
    };
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(health)}).handler(${JSON.stringify(event)}).then((r) => console.log(JSON.stringify(r)))`,
      ],
      {
        env: {
          ...deployerEnv(),
          STAGE: 'ci',
          TABLE_NAME: 'zhida-ci',
          SESSION_SECRET: 'ci-secret-ci-secret-ci-secret-0123456',
          POWERTOOLS_LOG_LEVEL: 'SILENT',
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(0);
    const reply = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ status: 'ok', stage: 'ci' });
  });

  it('packages each function on its own, minified, under 300 KB', () => {
    const zips = readdirSync(outDir).filter((f) => f.endsWith('.zip'));
    expect(zips.length).toBe(Object.keys(config.functions).length);
    for (const zip of zips) expect(statSync(path.join(outDir, zip)).size).toBeLessThan(300 * 1024);
  });

  describe('alarms (infra/alarms.yml, docs/runbook.md)', () => {
    type Dimension = { Name: string; Value: unknown };
    const alarms = () =>
      ofType('AWS::CloudWatch::Alarm').map(([id, r]) => ({
        id,
        name: r.Properties.AlarmName as string,
        namespace: r.Properties.Namespace as string,
        metric: r.Properties.MetricName as string,
        dimensions: Object.fromEntries(
          (r.Properties.Dimensions as Dimension[]).map((d) => [d.Name, d.Value]),
        ),
        threshold: r.Properties.Threshold as number,
        comparison: r.Properties.ComparisonOperator as string,
        actions: r.Properties.AlarmActions as unknown[],
      }));
    const find = (namespace: string, metric: string, dims: Record<string, unknown> = {}) =>
      alarms().filter(
        (a) =>
          a.namespace === namespace &&
          a.metric === metric &&
          Object.entries(dims).every(
            ([k, v]) => JSON.stringify(a.dimensions[k]) === JSON.stringify(v),
          ),
      );
    const ours = { service: SERVICE, stage: 'ci' };
    /** the scheduled functions, by the job name their handler gives `scheduled()` */
    const jobs = () =>
      Object.entries(
        config.functions as unknown as Record<
          string,
          { handler: string; events?: { schedule?: unknown }[] }
        >,
      )
        .filter(([, fn]) => fn.events?.some((e) => e.schedule))
        .map(([name, fn]) => {
          const source = readFileSync(
            path.join(ROOT, `${fn.handler.replace(/\.handler$/, '')}.ts`),
            'utf8',
          );
          return { name, job: /scheduled\(\s*'([a-z-]+)'/.exec(source)?.[1] };
        });

    it('creates an SNS topic and sends every alarm to it', () => {
      const [[topicId] = []] = ofType('AWS::SNS::Topic');
      expect(topicId).toBe('AlarmTopic');
      expect(alarms().length).toBeGreaterThan(0);
      for (const a of alarms()) expect(a.actions).toEqual([{ Ref: 'AlarmTopic' }]);
      // no ALARM_EMAIL in the deployer's shell: the e-mail subscription is conditional
      expect(resources.AlarmEmailSubscription).toMatchObject({ Condition: 'HasAlarmEmail' });
    });

    it('watches the segment DLQ depth, payments on hold and overdue reviews', () => {
      expect(
        find('AWS/SQS', 'ApproximateNumberOfMessagesVisible', {
          QueueName: { 'Fn::GetAtt': ['SegmentDlq', 'QueueName'] },
        }),
      ).toMatchObject([{ threshold: 0, comparison: 'GreaterThanThreshold' }]);
      expect(find(NAMESPACE, METRIC.paymentsHeld, ours)).toMatchObject([
        { threshold: 0, comparison: 'GreaterThanThreshold' },
      ]);
      expect(find(NAMESPACE, METRIC.reviewsOverdue, ours)).toMatchObject([
        { threshold: 0, comparison: 'GreaterThanThreshold' },
      ]);
    });

    it('alarms on a failed run and on Lambda errors of every scheduled job (disburse, sla-watch, auto-grant …), and on the segment worker', () => {
      const scheduled = jobs();
      expect(scheduled.map((j) => j.job)).toEqual(
        expect.arrayContaining(['disburse', 'sla-watch', 'auto-grant']),
      );
      for (const { name, job } of scheduled) {
        expect(job).toBeDefined();
        expect(find(NAMESPACE, METRIC.jobRunsFailed, { ...ours, job })).toHaveLength(1);
        const fn = `${name.charAt(0).toUpperCase()}${name.slice(1)}LambdaFunction`;
        expect(resources[fn]?.Type).toBe('AWS::Lambda::Function');
        expect(find('AWS/Lambda', 'Errors', { FunctionName: { Ref: fn } })).toHaveLength(1);
      }
      expect(
        find('AWS/Lambda', 'Errors', { FunctionName: { Ref: 'EvaluateSegmentLambdaFunction' } }),
      ).toHaveLength(1);
      expect(resources.HttpApi?.Type).toBe('AWS::ApiGatewayV2::Api');
      expect(find('AWS/ApiGateway', '5xx', { ApiId: { Ref: 'HttpApi' } })).toHaveLength(1);
    });

    it('uses only metrics the functions emit, with their dimensions, and explains every alarm in the runbook', () => {
      const emitted: string[] = Object.values(METRIC);
      const runbook = readFileSync(path.join(ROOT, 'docs/runbook.md'), 'utf8');
      for (const a of alarms()) {
        if (a.namespace === NAMESPACE) {
          expect(emitted).toContain(a.metric);
          expect(a.dimensions).toMatchObject(ours);
        }
        expect(a.name).toMatch(/^zhida-ci-/);
        const name = a.name.replace(/^zhida-ci-/, '');
        // each alarm by name, or its family's section (job-failed-disburse → ### job-failed)
        expect(runbook.includes(`\`${name}\``) || runbook.includes(`### ${name}`)).toBe(true);
      }
    });
  });

  it('reads the deployable config the tests assume (sanity of serverless.yml itself)', () => {
    const yml = parse(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8'));
    expect(yml.frameworkVersion).toBe('4');
    expect(yml.package.individually).toBe(true);
    expect(yml.custom.esbuild.minify).toBe(true);
  });
});
