/**
 * CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`) as `yaml` custom tags,
 * each mapped to its long form (`{Ref: X}`, `{'Fn::GetAtt': [A, B]}`), so every consumer sees one
 * shape whatever the author wrote.
 *
 * A tagged collection becomes a one-pair mapping around the original node, so positions inside it
 * are kept (`['Fn::Sub', 1, 'Name']` still finds its line). A tagged scalar becomes a scalar whose
 * value is the long form object: positions stop at the tagged scalar, which is what a finding wants.
 */
import { Pair, Scalar, YAMLMap, type CollectionTag, type ScalarTag, type YAMLSeq } from 'yaml';

/** Short tag → long-form key. `!Condition` and `!Ref` keep their bare key. */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  FindInMap: 'Fn::FindInMap',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
};

/**
 * Rule-specific functions, valid only inside the template's `Rules` section
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-rules.html).
 * Their short forms are read everywhere; `validate-rules.ts` refuses them outside `Rules`.
 */
export const RULE_FORMS: Readonly<Record<string, string>> = {
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll',
};

/** `A.B.C` → `['A', 'B.C']`: attribute names may contain dots (`Endpoint.Address`), ids may not. */
export function splitGetAtt(text: string): [string, string] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
}

function scalarTag(short: string, long: string): ScalarTag {
  return {
    tag: `!${short}`,
    resolve: (text: string) => ({ [long]: short === 'GetAtt' ? splitGetAtt(text) : text }),
  };
}

function collectionTag(short: string, long: string, collection: 'map' | 'seq'): CollectionTag {
  return {
    tag: `!${short}`,
    collection,
    resolve(node: YAMLMap.Parsed | YAMLSeq.Parsed) {
      const wrapper = new YAMLMap();
      wrapper.items.push(new Pair(new Scalar(long), node));
      wrapper.range = node.range;
      return wrapper;
    },
  };
}

/** Every short form, for `scalar`, `seq` and `map` values: pass as `customTags` to `yaml`. */
export const CFN_TAGS: (ScalarTag | CollectionTag)[] = Object.entries({
  ...SHORT_FORMS,
  ...RULE_FORMS,
}).flatMap(([short, long]) => [
  scalarTag(short, long),
  collectionTag(short, long, 'seq'),
  collectionTag(short, long, 'map'),
]);
