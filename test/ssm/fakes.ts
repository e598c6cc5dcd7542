/** In-memory SSM and EC2 behind aws-sdk-client-mock, one pair per region. */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  AddTagsToResourceCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

export function awsError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export interface FakeVersion {
  version: number;
  value: string;
  labels: string[];
}

export interface FakeRegion {
  region: string;
  ssm: SSMClient;
  ec2: EC2Client;
  ssmMock: AwsClientStub<SSMClient>;
  ec2Mock: AwsClientStub<EC2Client>;
  history: FakeVersion[];
  images: Record<string, string>;
  tags: Record<string, string>;
  /** Reads that still show the old value after a put (async validation lag). */
  lag: number;
  /** AMIs SSM's validation rejects (put succeeds, nothing changes). */
  rejects: Set<string>;
  /** Errors thrown by the next PutParameter calls, in order. */
  putErrors: Error[];
}

export function fakeRegion(region: string, images: Record<string, string> = {}): FakeRegion {
  const ssm = new SSMClient({ region });
  const ec2 = new EC2Client({ region });
  const f: FakeRegion = {
    region,
    ssm,
    ec2,
    ssmMock: mockClient(ssm),
    ec2Mock: mockClient(ec2),
    history: [],
    images,
    tags: {},
    lag: 0,
    rejects: new Set(),
    putErrors: [],
  };
  let pending: FakeVersion | undefined;
  const latest = () => f.history[f.history.length - 1];
  f.ec2Mock.on(DescribeImagesCommand).callsFake(async (input: { ImageIds: string[] }) => {
    const id = input.ImageIds[0] as string;
    const state = f.images[id];
    if (!state) throw awsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
    return { Images: [{ ImageId: id, State: state }] };
  });
  f.ssmMock.on(GetParameterCommand).callsFake(async () => {
    if (pending) {
      if (f.lag > 0) f.lag--;
      else {
        f.history.push(pending);
        pending = undefined;
      }
    }
    const l = latest();
    if (!l) throw awsError('ParameterNotFound');
    return { Parameter: { Value: l.value, Version: l.version } };
  });
  f.ssmMock.on(PutParameterCommand).callsFake(async (input: { Value: string }) => {
    const err = f.putErrors.shift();
    if (err) throw err;
    const version = (latest()?.version ?? 0) + 1;
    if (!f.rejects.has(input.Value)) pending = { version, value: input.Value, labels: [] };
    return { Version: version, Tier: 'Standard' };
  });
  f.ssmMock
    .on(LabelParameterVersionCommand)
    .callsFake(async (input: { ParameterVersion: number; Labels: string[] }) => {
      for (const v of f.history) v.labels = v.labels.filter((l) => !input.Labels.includes(l));
      const v = f.history.find((h) => h.version === input.ParameterVersion);
      if (!v) throw awsError('ParameterVersionNotFound');
      v.labels.push(...input.Labels);
      return { InvalidLabels: [], ParameterVersion: v.version };
    });
  f.ssmMock.on(GetParameterHistoryCommand).callsFake(async () => ({
    Parameters: f.history.map((h) => ({ Version: h.version, Value: h.value, Labels: h.labels })),
  }));
  f.ssmMock
    .on(AddTagsToResourceCommand)
    .callsFake(async (input: { Tags: { Key: string; Value: string }[] }) => {
      for (const t of input.Tags) f.tags[t.Key] = t.Value;
      return {};
    });
  return f;
}
