using WindowsNodeOperator.Sandbox.Schema;
using static WindowsNodeOperator.Sandbox.Tests.Schema.SchemaTestHelpers;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

public sealed class StructuralSchemaValidationTests
{
    [Fact]
    public void Type_mismatch_is_reported_with_the_actual_type()
    {
        var schema = SpecSchema("{type: object, properties: {count: {type: integer}}}");

        var errors = schema.Validate(SpecJson("""{"count":"three"}"""));

        Assert.Equal(
            ["""spec.count: Invalid value: "string": spec.count in body must be of type integer: "string" """.TrimEnd()],
            errors.Messages());
        Assert.Equal(FieldErrorType.TypeInvalid, errors[0].Type);
    }

    [Fact]
    public void Integral_float_is_an_integer_and_a_fraction_is_not()
    {
        var schema = SpecSchema("{type: object, properties: {count: {type: integer}}}");

        Assert.Empty(schema.Validate(SpecJson("""{"count":2.0}""")));
        Assert.Single(schema.Validate(SpecJson("""{"count":2.5}""")));
    }

    [Fact]
    public void Null_is_rejected_unless_nullable()
    {
        var strict = SpecSchema("{type: object, properties: {name: {type: string}}}");
        var nullable = SpecSchema("{type: object, properties: {name: {type: string, nullable: true}}}");

        Assert.Equal(
            ["""spec.name: Invalid value: "null": spec.name in body must be of type string: "null" """.TrimEnd()],
            strict.Validate(SpecJson("""{"name":null}""")).Messages());
        Assert.Empty(nullable.Validate(SpecJson("""{"name":null}""")));
    }

    [Fact]
    public void Required_fields_are_named()
    {
        var schema = SpecSchema("{type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}");

        Assert.Equal(["spec.a: Required value", "spec.b: Required value"], schema.Validate(SpecJson("{}")).Messages());
    }

    [Fact]
    public void Enum_renders_supported_values()
    {
        var schema = SpecSchema("{type: object, properties: {onTimeout: {type: string, enum: [Force, Wait]}, n: {type: integer, enum: [1, 2]}}}");

        var errors = schema.Validate(SpecJson("""{"onTimeout":"Later","n":3}"""));

        Assert.Equal(
            [
                """spec.onTimeout: Unsupported value: "Later": supported values: "Force", "Wait" """.TrimEnd(),
                """spec.n: Unsupported value: 3: supported values: "1", "2" """.TrimEnd(),
            ],
            errors.Messages());
    }

    [Fact]
    public void Pattern_uses_the_pattern_text_and_anchors_like_re2()
    {
        var schema = SpecSchema("{type: object, properties: {age: {type: string, pattern: '^[1-9][0-9]*d$'}}}");

        Assert.Equal(
            ["""spec.age: Invalid value: "0d": spec.age in body should match '^[1-9][0-9]*d$'"""],
            schema.Validate(SpecJson("""{"age":"0d"}""")).Messages());
        Assert.Single(schema.Validate(SpecJson("""{"age":"5d\n"}""")));
        Assert.Empty(schema.Validate(SpecJson("""{"age":"5d"}""")));
    }

    [Fact]
    public void String_lengths_count_characters()
    {
        var schema = SpecSchema("{type: object, properties: {s: {type: string, minLength: 2, maxLength: 3}}}");

        Assert.Equal(
            ["""spec.s: Invalid value: "a": spec.s in body should be at least 2 chars long"""],
            schema.Validate(SpecJson("""{"s":"a"}""")).Messages());
        Assert.Equal(["spec.s: Too long: may not be more than 3 bytes"], schema.Validate(SpecJson("""{"s":"abcd"}""")).Messages());
        Assert.Empty(schema.Validate(SpecJson("""{"s":"äöü"}""")));
    }

    [Fact]
    public void Minimum_and_maximum_inclusive_and_exclusive()
    {
        var schema = SpecSchema("""
            type: object
            properties:
              p: {type: integer, minimum: 0, maximum: 100}
              q: {type: number, minimum: 1, exclusiveMinimum: true, maximum: 2.5, exclusiveMaximum: true}
            """);

        Assert.Equal(
            [
                "spec.p: Invalid value: 101: spec.p in body should be less than or equal to 100",
                "spec.q: Invalid value: 1: spec.q in body should be greater than 1",
            ],
            schema.Validate(SpecJson("""{"p":101,"q":1}""")).Messages());
        Assert.Equal(
            ["spec.q: Invalid value: 2.5: spec.q in body should be less than 2.5"],
            schema.Validate(SpecJson("""{"p":0,"q":2.5}""")).Messages());
    }

    [Fact]
    public void Item_counts_and_item_paths()
    {
        var schema = SpecSchema("{type: object, properties: {names: {type: array, minItems: 1, maxItems: 2, items: {type: string, minLength: 1}}}}");

        Assert.Equal(
            ["spec.names: Invalid value: 0: spec.names in body should have at least 1 items"],
            schema.Validate(SpecJson("""{"names":[]}""")).Messages());
        Assert.Equal(
            [
                """spec.names[1]: Invalid value: "": spec.names[1] in body should be at least 1 chars long""",
                "spec.names: Too many: 3: must have at most 2 items",
            ],
            schema.Validate(SpecJson("""{"names":["a","","c"]}""")).Messages());
    }

    [Fact]
    public void Property_counts_stop_further_object_checks()
    {
        var schema = SpecSchema("""
            type: object
            properties:
              groups:
                type: object
                minProperties: 1
                maxProperties: 1
                properties:
                  names: {type: array, items: {type: string}}
                  tags: {type: object, additionalProperties: {type: string}}
            """);

        Assert.Equal(
            ["spec.groups: Invalid value: 0: spec.groups in body should have at least 1 properties"],
            schema.Validate(SpecJson("""{"groups":{}}""")).Messages());
        Assert.Equal(
            ["spec.groups: Too many: 2: must have at most 1 item"],
            schema.Validate(SpecJson("""{"groups":{"names":[1],"tags":{}}}""")).Messages());
    }

    [Fact]
    public void Additional_properties_validate_every_map_value()
    {
        var schema = SpecSchema("{type: object, properties: {labels: {type: object, additionalProperties: {type: string}}}}");

        Assert.Equal(
            ["""spec.labels.team: Invalid value: "integer": spec.labels.team in body must be of type string: "integer" """.TrimEnd()],
            schema.Validate(SpecJson("""{"labels":{"app":"x","team":7}}""")).Messages());
    }

    [Fact]
    public void OneOf_with_required_reports_none_and_too_many()
    {
        var schema = SpecSchema("""
            type: object
            oneOf:
              - required: [a]
              - required: [b]
            properties:
              a: {type: string}
              b: {type: string}
            """);

        Assert.Empty(schema.Validate(SpecJson("""{"a":"x"}""")));
        Assert.Equal(
            ["""<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives"""],
            schema.Validate(SpecJson("""{"a":"x","b":"y"}""")).Messages());
        Assert.Equal(
            ["""<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid""", "spec.a: Required value"],
            schema.Validate(SpecJson("{}")).Messages());
    }

    [Fact]
    public void AnyOf_AllOf_and_Not()
    {
        var schema = SpecSchema("""
            type: object
            properties:
              any: {type: string, anyOf: [{pattern: '^a'}, {pattern: 'z$'}]}
              all: {type: string, allOf: [{minLength: 2}, {pattern: '^a'}]}
              not: {type: string, not: {enum: [forbidden]}}
            """);

        Assert.Empty(schema.Validate(SpecJson("""{"any":"xyz","all":"ab","not":"ok"}""")));
        var errors = schema.Validate(SpecJson("""{"any":"m","all":"b","not":"forbidden"}""")).Messages();
        Assert.Contains("""<nil>: Invalid value: "": "spec.any" must validate at least one schema (anyOf)""", errors);
        Assert.Contains("""<nil>: Invalid value: "": "spec.all" must validate all the schemas (allOf). None validated""", errors);
        Assert.Contains("""<nil>: Invalid value: "": "spec.not" must not validate the schema (not)""", errors);
    }

    [Fact]
    public void Int_or_string_accepts_both_and_applies_the_matching_validation()
    {
        var schema = SpecSchema("""
            type: object
            properties:
              maxUnavailable:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
                minimum: 1
                pattern: '^[0-9]+%$'
            """);

        Assert.Empty(schema.Validate(SpecJson("""{"maxUnavailable":2}""")));
        Assert.Empty(schema.Validate(SpecJson("""{"maxUnavailable":"25%"}""")));
        Assert.Equal(
            ["spec.maxUnavailable: Invalid value: 0: spec.maxUnavailable in body should be greater than or equal to 1"],
            schema.Validate(SpecJson("""{"maxUnavailable":0}""")).Messages());
        Assert.Contains(
            """spec.maxUnavailable: Invalid value: "boolean": spec.maxUnavailable in body must be of type integer,string: "boolean" """.TrimEnd(),
            schema.Validate(SpecJson("""{"maxUnavailable":true}""")).Messages());
    }

    [Theory]
    [InlineData("2024-05-01T10:20:30Z", true)]
    [InlineData("2024-05-01T10:20:30.123456+02:00", true)]
    [InlineData("2024-02-30T10:20:30Z", false)]
    [InlineData("2024-05-01T24:00:00Z", false)]
    [InlineData("2024-05-01T10:20:30", false)]
    [InlineData("yesterday", false)]
    public void Date_time_format(string value, bool valid)
    {
        var schema = SpecSchema("{type: object, properties: {at: {type: string, format: date-time}}}");

        var errors = schema.Validate(SpecJson($$"""{"at":"{{value}}"}"""));

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal($"spec.at: Invalid value: \"{value}\": spec.at in body must be of type date-time: \"{value}\"", errors[0].ToString());
        }
    }

    [Fact]
    public void List_type_set_rejects_duplicates()
    {
        var schema = SpecSchema("{type: object, properties: {names: {type: array, x-kubernetes-list-type: set, items: {type: string}}}}");

        Assert.Equal(
            ["""spec.names[2]: Duplicate value: "a" """.TrimEnd()],
            schema.Validate(SpecJson("""{"names":["a","b","a"]}""")).Messages());
    }

    [Fact]
    public void List_type_map_requires_unique_present_keys()
    {
        var schema = SpecSchema("""
            type: object
            properties:
              conditions:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [type]
                items:
                  type: object
                  required: [type]
                  properties:
                    type: {type: string}
                    status: {type: string}
            """);

        var errors = schema.Validate(SpecJson("""{"conditions":[{"type":"Ready"},{"type":"Ready","status":"True"}]}"""));

        Assert.Equal(["""spec.conditions[1]: Duplicate value: map[string]interface {}{"type":"Ready"}"""], errors.Messages());
    }

    [Fact]
    public void All_errors_are_returned_not_just_the_first()
    {
        var schema = SpecSchema("{type: object, required: [c], properties: {a: {type: integer}, b: {type: string, enum: [x]}, c: {type: string}}}");

        Assert.Equal(3, schema.Validate(SpecJson("""{"a":"1","b":"y"}""")).Count);
    }
}
