using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;

internal static class TestJson
{
    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonArray Array(string json) => JsonNode.Parse(json)!.AsArray();

    /// <summary>Asserts two documents are equal as JSON, showing both on failure.</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"expected {expectedNode?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }
}
