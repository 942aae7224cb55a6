using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

public sealed class StructuralSchemaParsingTests
{
    private static StructuralSchemaException Reject(string yaml) =>
        Assert.Throws<StructuralSchemaException>(() => StructuralSchema.FromJson(YamlJson.Parse(yaml)));

    [Fact]
    public void Missing_type_is_named()
    {
        var ex = Reject("{type: object, properties: {spec: {properties: {a: {type: string}}}}}");

        Assert.Equal("openAPIV3Schema.properties[spec].type", ex.Path);
    }

    [Theory]
    [InlineData("type: string")]
    [InlineData("default: x")]
    [InlineData("nullable: true")]
    [InlineData("additionalProperties: {type: string}")]
    public void Structural_keywords_are_forbidden_inside_junctors(string keyword)
    {
        var ex = Reject($$"""
            type: object
            properties:
              spec:
                type: object
                properties:
                  a:
                    type: string
                oneOf:
                  - { {{keyword}} }
            """);

        Assert.StartsWith("openAPIV3Schema.properties[spec].oneOf[0].", ex.Path);
        Assert.Contains("logical junctor", ex.Message);
    }

    [Fact]
    public void Junctor_fields_must_exist_in_the_structural_part()
    {
        var ex = Reject("""
            type: object
            properties:
              spec:
                type: object
                properties: {a: {type: string}}
                anyOf:
                  - properties: {b: {minLength: 1}}
            """);

        Assert.Equal("openAPIV3Schema.properties[spec].anyOf[0].properties[b]", ex.Path);
    }

    [Fact]
    public void Properties_and_additional_properties_are_exclusive()
    {
        var ex = Reject("{type: object, properties: {a: {type: string}}, additionalProperties: {type: string}}");

        Assert.Equal("openAPIV3Schema.additionalProperties", ex.Path);
    }

    [Fact]
    public void Arrays_need_items_and_map_lists_need_keys()
    {
        Assert.Equal("openAPIV3Schema.properties[l].items", Reject("{type: object, properties: {l: {type: array}}}").Path);
        Assert.Equal(
            "openAPIV3Schema.properties[l].x-kubernetes-list-map-keys",
            Reject("{type: object, properties: {l: {type: array, x-kubernetes-list-type: map, items: {type: object}}}}").Path);
    }

    [Fact]
    public void Invalid_or_unprunable_defaults_are_rejected()
    {
        Assert.Equal(
            "openAPIV3Schema.properties[n].default",
            Reject("{type: object, properties: {n: {type: integer, minimum: 1, default: 0}}}").Path);
        Assert.Equal(
            "openAPIV3Schema.properties[o].default",
            Reject("{type: object, properties: {o: {type: object, properties: {a: {type: string}}, default: {b: x}}}}").Path);
    }

    [Fact]
    public void Metadata_may_only_restrict_name()
    {
        Assert.Equal(
            "openAPIV3Schema.properties[metadata].properties[labels]",
            Reject("{type: object, properties: {metadata: {type: object, properties: {labels: {type: object}}}}}").Path);
        StructuralSchema.FromJson(YamlJson.Parse("{type: object, properties: {metadata: {type: object, properties: {name: {type: string, maxLength: 63}}}}}"));
    }

    [Fact]
    public void Refs_and_cel_are_refused()
    {
        Assert.Equal("openAPIV3Schema.properties[a].$ref", Reject("{type: object, properties: {a: {$ref: '#/x'}}}").Path);
        Assert.Equal(
            "openAPIV3Schema.x-kubernetes-validations",
            Reject("{type: object, x-kubernetes-validations: [{rule: 'true'}]}").Path);
    }

    [Fact]
    public void Int_or_string_anyOf_pattern_is_allowed_with_types()
    {
        var schema = StructuralSchema.FromJson(JsonNode.Parse("""
            {"type":"object","properties":{"v":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]}}}
            """)!);

        Assert.Empty(schema.Validate(JsonNode.Parse("""{"v":"1"}""")!));
    }
}
