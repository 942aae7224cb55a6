using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;
using static WindowsNodeOperator.Sandbox.Tests.Schema.SchemaTestHelpers;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

public sealed class StructuralSchemaPruningAndDefaultingTests
{
    private static readonly StructuralSchema Schema = SpecSchema("""
        type: object
        properties:
          known: {type: string}
          labels: {type: object, additionalProperties: {type: object, properties: {v: {type: string}}}}
          items: {type: array, items: {type: object, properties: {name: {type: string}}}}
          free: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {typed: {type: object, properties: {a: {type: string}}}}}
        """);

    [Fact]
    public void Prune_drops_unknown_fields_at_every_level_but_keeps_resource_identity()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"x/v1","kind":"K","metadata":{"name":"n","extra":1},"unknownRoot":1,
             "spec":{"known":"k","unknown":1,"labels":{"a":{"v":"1","w":2}},"items":[{"name":"i","junk":true}],
                     "free":{"anything":{"deep":1},"typed":{"a":"x","b":"y"}}}}
            """)!.AsObject();

        Schema.Prune(obj);

        Assert.Equal(
            JsonNode.Parse("""
                {"apiVersion":"x/v1","kind":"K","metadata":{"name":"n","extra":1},
                 "spec":{"known":"k","labels":{"a":{"v":"1"}},"items":[{"name":"i"}],
                         "free":{"anything":{"deep":1},"typed":{"a":"x"}}}}
                """)!.ToJsonString(),
            obj.ToJsonString());
    }

    private static readonly StructuralSchema Defaults = SpecSchema("""
        type: object
        properties:
          withDefault: {type: string, default: d}
          absentParent:
            type: object
            properties:
              child: {type: integer, default: 5}
          emptyParent:
            type: object
            default: {}
            properties:
              child: {type: integer, default: 7}
              grand:
                type: object
                default: {}
                properties:
                  leaf: {type: boolean, default: true}
          windows:
            type: array
            items:
              type: object
              properties:
                timeZone: {type: string, default: UTC}
          nullable: {type: string, nullable: true, default: none}
          nonNullable: {type: string}
        """);

    [Fact]
    public void Defaults_apply_recursively_but_not_under_an_absent_parent_without_a_default()
    {
        var obj = Spec("{windows: [{}, {timeZone: Europe/Berlin}]}");

        Defaults.ApplyDefaults(obj);

        Assert.Equal(
            Sorted(JsonNode.Parse("""
                {"withDefault":"d","emptyParent":{"child":7,"grand":{"leaf":true}},
                 "windows":[{"timeZone":"UTC"},{"timeZone":"Europe/Berlin"}],"nullable":"none"}
                """)),
            Sorted(obj["spec"]));
    }

    [Fact]
    public void Present_values_are_kept_and_nulls_are_defaulted_or_dropped_by_nullability()
    {
        var obj = SpecJson("""{"withDefault":null,"nullable":null,"nonNullable":null,"emptyParent":{"child":1}}""");

        Defaults.ApplyDefaults(obj);

        var spec = obj["spec"]!.AsObject();
        Assert.Equal("d", (string?)spec["withDefault"]);
        Assert.True(spec.ContainsKey("nullable"));
        Assert.Null(spec["nullable"]);
        Assert.False(spec.ContainsKey("nonNullable"));
        Assert.Equal(1, (int?)spec["emptyParent"]!["child"]);
    }

    private static string Sorted(JsonNode? node) => SortedNode(node)!.ToJsonString();

    private static JsonNode? SortedNode(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, SortedNode(p.Value)))),
        JsonArray array => new JsonArray(array.Select(SortedNode).ToArray()),
        _ => node?.DeepClone(),
    };
}
