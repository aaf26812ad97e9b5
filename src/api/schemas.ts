// Shared schemas (TypeBox: JSON Schema and TypeScript types from one declaration). Replies are
// serialised through them, so a property not declared here never leaves the server.

import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableString = () => Nullable(Type.String());

/** Text from a user: bounded, no control characters. */
export const SafeText = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    message_zh: Type.String(),
    field: Type.Optional(Type.String()),
    retry_after_s: Type.Optional(Type.Integer()),
  }),
});

export const PersonIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

export const PersonSummarySchema = Type.Object({
  person_id: Type.String(),
  code_id: NullableString(),
  name: NullableString(),
  id_number: NullableString(),
  sex: NullableString(),
  birth_date: NullableString(),
  phone: NullableString(),
  residence_region: NullableString(),
  residence_region_name: NullableString(),
  floating: Type.String(),
  sources: Type.Array(Type.String()),
  masked: Type.Array(Type.String()),
});

const PresentedValue = Type.Union([
  Type.Object({
    value: NullableString(),
    masked: Type.Boolean(),
    source: Type.String(),
    record_key: Type.String(),
    observed_at: NullableString(),
    rule: Type.String(),
    region_name: Type.Optional(NullableString()),
  }),
  Type.Null(),
]);

const HistoryEntry = Type.Object({ value: NullableString(), first_seen: NullableString(), last_seen: NullableString(), sources: Type.Array(Type.String()) });
const StringMap = Type.Record(Type.String(), NullableString());

export const PersonViewSchema = Type.Object({
  person_id: Type.String(),
  code_id: NullableString(),
  floating: Type.String(),
  sources: Type.Array(Type.String()),
  masked: Type.Array(Type.String()),
  withheld: Type.Array(Type.String()),
  golden: Type.Record(Type.String(), PresentedValue),
  history: Type.Object({ phone: Type.Array(HistoryEntry), residence: Type.Array(HistoryEntry), hukou: Type.Array(HistoryEntry), employer: Type.Array(HistoryEntry) }),
  conflicts: Type.Array(Type.Object({ field: Type.String(), values: Type.Array(Type.Object({ value: NullableString(), sources: Type.Array(Type.String()) })) })),
  relations: Type.Array(Type.Object({ type: Type.String(), role: Type.String(), other_role: Type.String(), other_person_id: NullableString(), other_name: NullableString() })),
  records: Type.Array(
    Type.Object({
      source: Type.String(),
      kind: Type.String(),
      department: NullableString(),
      record_id: Type.String(),
      role: Type.String(),
      observed_at: NullableString(),
      fields: StringMap,
      facts: Type.Record(Type.String(), Type.String()),
    }),
  ),
  records_withheld: Type.Integer(),
});

export const OkSchema = Type.Object({ ok: Type.Boolean() });
