import {
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLObjectType,
} from 'graphql';
import { buildAppSchema } from '../../src/resolvers/schema';

// The public schema is documentation: analysts read it in GraphiQL's docs panel, where an element without a
// description shows blank. Built from the code (schema-file.test.ts keeps schema.graphql in step with it).

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

/** The schema's own named types: not GraphQL's built-in scalars nor the introspection types. */
function ownTypes(): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));
}

const described = (d: string | null | undefined) => !!d && d.trim().length > 0;

/** Every element a reader can open in the docs panel, each with its description, named as the failure lists it. */
function documentedElements(): Array<{ element: string; description: string | null | undefined }> {
  const out: Array<{ element: string; description: string | null | undefined }> = [];
  for (const type of ownTypes()) {
    out.push({ element: `type ${type.name}`, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ element: `field ${type.name}.${field.name}`, description: field.description });
        for (const arg of field.args)
          out.push({ element: `argument ${type.name}.${field.name}(${arg.name})`, description: arg.description });
      }
    }
    if (isInputObjectType(type))
      for (const field of Object.values(type.getFields()))
        out.push({ element: `input field ${type.name}.${field.name}`, description: field.description });
    if (isEnumType(type))
      for (const value of type.getValues()) out.push({ element: `enum value ${type.name}.${value.name}`, description: value.description });
  }
  return out;
}

/** Fails with one line per problem, so a merge can be finished from the message alone. */
function expectNone(problems: string[], what: string): void {
  if (problems.length) throw new Error(`${problems.length} ${what}:\n  ${problems.sort().join('\n  ')}`);
}

describe('schema descriptions', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    const elements = documentedElements();
    // The walk reaches every kind of element (a broken walk would find nothing to complain about).
    expect(new Set(elements.map((e) => e.element.replace(/ [^ ]+$/, '')))).toEqual(
      new Set(['type', 'field', 'argument', 'input field', 'enum value']),
    );
    expect(elements.length).toBeGreaterThan(500);
    expectNone(
      elements.filter((e) => !described(e.description)).map((e) => e.element),
      "schema elements have no description. Add `description:` where the element is declared (type-graphql decorators in src/resolvers; enum values through registerEnumType's valuesConfig, e.g. describedValues), then run `npm run schema:print && npm run codegen`",
    );
  });
});

/** `T!`, `[T!]!`… as printed, to compare field types by shape. */
const shape = (type: GraphQLOutputType): string => String(type);

const connectionTypes = (): GraphQLObjectType[] =>
  ownTypes().filter((t): t is GraphQLObjectType => isObjectType(t) && t.name.endsWith('Connection'));

/** Every field, on any type, whose type is a connection. */
function connectionFields(): Array<{ owner: string; field: GraphQLField<unknown, unknown> }> {
  const out: Array<{ owner: string; field: GraphQLField<unknown, unknown> }> = [];
  for (const type of ownTypes())
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields()))
        if (getNamedType(field.type).name.endsWith('Connection')) out.push({ owner: type.name, field });
  return out;
}

describe('Relay connections', () => {
  it('gives every XConnection `edges: [XEdge!]!` and `pageInfo: PageInfo!`, and every XEdge `node: X` and `cursor: String!`', () => {
    const problems: string[] = [];
    const connections = connectionTypes();
    expect(connections.length).toBeGreaterThan(0);
    for (const connection of connections) {
      const base = connection.name.slice(0, -'Connection'.length);
      const fields = connection.getFields();
      if (!fields.edges || shape(fields.edges.type) !== `[${base}Edge!]!`)
        problems.push(`${connection.name}.edges is ${fields.edges ? shape(fields.edges.type) : 'missing'}, not [${base}Edge!]!`);
      if (!fields.pageInfo || shape(fields.pageInfo.type) !== 'PageInfo!')
        problems.push(`${connection.name}.pageInfo is ${fields.pageInfo ? shape(fields.pageInfo.type) : 'missing'}, not PageInfo!`);
      const edge = schema.getType(`${base}Edge`);
      if (!isObjectType(edge)) {
        problems.push(`${base}Edge is not an object type`);
        continue;
      }
      const { node, cursor } = edge.getFields();
      const nodeType = node && (isNonNullType(node.type) ? node.type.ofType : node.type);
      if (!node || isListType(nodeType) || !(isObjectType(nodeType) || isInterfaceType(nodeType) || isUnionType(nodeType)))
        problems.push(`${base}Edge.node is ${node ? shape(node.type) : 'missing'}, not a single object`);
      else if (getNamedType(node.type).name !== base) problems.push(`${base}Edge.node is ${shape(node.type)}, not ${base}`);
      if (!cursor || shape(cursor.type) !== 'String!')
        problems.push(`${base}Edge.cursor is ${cursor ? shape(cursor.type) : 'missing'}, not String!`);
    }
    expectNone(problems, 'connection types do not follow the Relay connection spec');
  });

  it('gives PageInfo the four Relay fields', () => {
    const pageInfo = schema.getType('PageInfo');
    if (!isObjectType(pageInfo)) throw new Error('PageInfo is not an object type');
    const fields = pageInfo.getFields();
    const wanted: Record<string, string> = {
      hasNextPage: 'Boolean!',
      hasPreviousPage: 'Boolean!',
      startCursor: 'String',
      endCursor: 'String',
    };
    expectNone(
      Object.entries(wanted)
        .filter(([name, type]) => !fields[name] || shape(fields[name].type) !== type)
        .map(([name, type]) => `PageInfo.${name} is ${fields[name] ? shape(fields[name].type) : 'missing'}, not ${type}`),
      'PageInfo fields differ from the Relay spec',
    );
  });

  it('pages every connection field with `first: Int` and `after: String` (and `last` with `before` where offered)', () => {
    const fields = connectionFields();
    expect(fields.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { owner, field } of fields) {
      const arg = (name: string) => field.args.find((a) => a.name === name);
      const where = `${owner}.${field.name}`;
      for (const [name, type] of [
        ['first', 'Int'],
        ['after', 'String'],
      ]) {
        const a = arg(name);
        if (!a || String(a.type) !== type) problems.push(`${where}(${name}) is ${a ? String(a.type) : 'missing'}, not ${type}`);
      }
      // Backward paging is optional, but comes as a pair.
      if (!!arg('last') !== !!arg('before')) problems.push(`${where} takes one of last/before without the other`);
      if (arg('last') && String(arg('last')?.type) !== 'Int') problems.push(`${where}(last) is ${String(arg('last')?.type)}, not Int`);
      if (arg('before') && String(arg('before')?.type) !== 'String')
        problems.push(`${where}(before) is ${String(arg('before')?.type)}, not String`);
    }
    expectNone(problems, 'connection fields do not take the Relay paging arguments');
  });
});
