using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Tests.Api;

/// <summary>The C# types and the CRD schema describe the same fields, with compatible types and the same defaults.</summary>
public sealed class CrdTypeAgreementTests
{
    public static TheoryData<string, Type> Roots => new()
    {
        { "spec", typeof(WindowsNodePolicySpec) },
        { "status", typeof(WindowsNodePolicyStatus) },
    };

    [Theory]
    [MemberData(nameof(Roots))]
    public void Every_csharp_property_is_in_the_schema_with_a_compatible_type(string root, Type type)
    {
        var problems = new List<string>();

        WalkType(type, PolicyCrd.OpenApiSchema["properties"]![root]!.AsObject(), root, problems);

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Every_schema_property_is_in_the_csharp_types(string root, Type type)
    {
        var problems = new List<string>();

        WalkSchema(PolicyCrd.OpenApiSchema["properties"]![root]!.AsObject(), type, root, problems);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("autoScalingGroups: {names: [a]}")]
    [InlineData("autoScalingGroups: {tags: {k: v}}\nami: {ssmParameter: /x/y}")]
    [InlineData("autoScalingGroups: {names: [a]}\nami: {windowsVersion: '2019'}\ndisruption: {maintenanceWindows: [{schedule: '0 1 * * *', duration: 1h}]}")]
    public void Crd_defaults_equal_csharp_defaults(string specYaml)
    {
        var admitted = PolicyCrd.Policy(specYaml);
        Assert.Empty(PolicyCrd.Admit(admitted));

        var policy = PolicyCrd.Policy(specYaml).Deserialize<WindowsNodePolicy>(PolicyCrd.Json)!;
        var fromCsharp = JsonSerializer.SerializeToNode(policy.Spec, PolicyCrd.Json);

        Assert.Equal(Canonical(admitted["spec"]), Canonical(fromCsharp));
    }

    [Fact]
    public void Crd_names_match_the_api_constants()
    {
        var info = PolicyCrd.Info;

        Assert.Equal($"{WindowsNodePolicy.KubePlural}.{WindowsNodePolicy.KubeGroup}", info.Name);
        Assert.Equal(WindowsNodePolicy.KubeGroup, info.Group);
        Assert.Equal(WindowsNodePolicy.KubeKind, info.Names.Kind);
        Assert.Equal(WindowsNodePolicy.KubeSingular, info.Names.Singular);
        Assert.Equal([WindowsNodePolicy.KubeShortName], info.Names.ShortNames);
        Assert.Equal([WindowsNodePolicy.KubeCategory], info.Names.Categories);
        Assert.Equal(WindowsNodePolicy.KubeVersion, Assert.Single(info.Versions).Name);
        Assert.Equal("Cluster", info.Scope);
    }

    [Fact]
    public void Duration_fields_use_the_policy_duration_pattern()
    {
        var spec = PolicyCrd.OpenApiSchema["properties"]!["spec"]!["properties"]!;
        string[] paths =
        [
            "ami.soakTime", "refresh.instanceWarmup", "refresh.launchTimeout", "drain.timeout", "drain.podGracePeriod",
            "disruption.maintenanceWindows.duration",
        ];

        foreach (var path in paths)
        {
            var parts = path.Split('.');
            var node = spec[parts[0]]!;
            foreach (var part in parts[1..])
            {
                node = (node["items"] ?? node)["properties"]![part]!;
            }

            Assert.Equal(PolicyDuration.Pattern, node["pattern"]!.GetValue<string>());
            Assert.Equal(2, node["minLength"]!.GetValue<int>());
        }
    }

    private static IEnumerable<(string Name, PropertyInfo Property)> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name!, p.p));

    private static void WalkType(Type type, JsonObject schema, string path, List<string> problems)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var (name, property) in JsonProperties(type))
        {
            if (properties?[name] is not JsonObject propertySchema)
            {
                problems.Add($"{path}.{name} is in {type.Name} but not in the CRD");
                continue;
            }

            CheckType(property.PropertyType, propertySchema, $"{path}.{name}", problems);
        }
    }

    private static void CheckType(Type type, JsonObject schema, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schemaType = schema["type"]?.GetValue<string>();
        if (type == typeof(IntOrString))
        {
            Expect(schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true, "int-or-string");
        }
        else if (type == typeof(string))
        {
            Expect(schemaType == "string", "string");
        }
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            Expect(schemaType == "string" && schema["format"]?.GetValue<string>() == "date-time", "date-time string");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            Expect(schemaType == "integer", "integer");
        }
        else if (type == typeof(bool))
        {
            Expect(schemaType == "boolean", "boolean");
        }
        else if (type.IsEnum)
        {
            var values = schema["enum"]?.AsArray().Select(v => v!.GetValue<string>()).Order().ToArray();
            Expect(schemaType == "string" && values is not null && values.SequenceEqual(Enum.GetNames(type).Order()), "string enum " + string.Join('|', Enum.GetNames(type)));
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            Expect(schemaType == "object" && schema["additionalProperties"] is JsonObject, "map");
            if (schema["additionalProperties"] is JsonObject values)
            {
                CheckType(type.GetGenericArguments()[1], values, $"{path}[*]", problems);
            }
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            Expect(schemaType == "array" && schema["items"] is JsonObject, "array");
            if (schema["items"] is JsonObject items)
            {
                CheckType(type.GetGenericArguments()[0], items, $"{path}[*]", problems);
            }
        }
        else if (type.IsClass)
        {
            Expect(schemaType == "object", "object");
            WalkType(type, schema, path, problems);
        }
        else
        {
            problems.Add($"{path}: unexpected C# type {type.Name}");
        }

        void Expect(bool ok, string expected)
        {
            if (!ok)
            {
                problems.Add($"{path}: C# {type.Name} needs a CRD {expected}, found {schema.ToJsonString()}");
            }
        }
    }

    private static void WalkSchema(JsonObject schema, Type type, string path, List<string> problems)
    {
        type = ElementType(Nullable.GetUnderlyingType(type) ?? type);
        if (schema["items"] is JsonObject items)
        {
            WalkSchema(items, type, $"{path}[*]", problems);
            return;
        }

        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var csharp = JsonProperties(type).ToDictionary(p => p.Name, p => p.Property);
        foreach (var (name, child) in properties)
        {
            if (!csharp.TryGetValue(name, out var property))
            {
                problems.Add($"{path}.{name} is in the CRD but not in {type.Name}");
                continue;
            }

            WalkSchema(child!.AsObject(), property.PropertyType, $"{path}.{name}", problems);
        }
    }

    private static Type ElementType(Type type) =>
        type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericTypeDefinition() == typeof(List<>)
            ? type.GetGenericArguments()[0]
            : type;

    private static string Canonical(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
