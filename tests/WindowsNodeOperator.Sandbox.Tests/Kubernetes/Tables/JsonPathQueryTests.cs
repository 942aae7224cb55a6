using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Tables;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Tables;

public sealed class JsonPathQueryTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"metadata":{"name":"p","annotations":{"example.io/x":"y"}},
         "spec":{"replicas":3,"paused":false},
         "status":{"conditions":[{"type":"Progressing","status":"True"},{"type":"Ready","status":"False","priority":2}],
                   "nodes":[{"name":"a","age":5},{"name":"b","age":9}]}}
        """)!;

    [Theory]
    [InlineData(".metadata.name", "[\"p\"]")]
    [InlineData("{.spec.replicas}", "[3]")]
    [InlineData("$.spec.paused", "[false]")]
    [InlineData(".status.nodes[0].name", "[\"a\"]")]
    [InlineData(".status.nodes[-1].name", "[\"b\"]")]
    [InlineData(".status.nodes[*].name", "[\"a\",\"b\"]")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "[\"False\"]")]
    [InlineData(".status.conditions[?(@.type=='Ready')].status", "[\"False\"]")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].type", "[\"Progressing\"]")]
    [InlineData(".status.nodes[?(@.age>6)].name", "[\"b\"]")]
    [InlineData(".status.conditions[?(@.priority)].type", "[\"Ready\"]")]
    [InlineData(".metadata.annotations['example.io/x']", "[\"y\"]")]
    [InlineData(".metadata.missing.deeper", "[]")]
    [InlineData(".status.nodes[7]", "[]")]
    public void Evaluates_the_printer_column_subset(string path, string expected)
    {
        var results = JsonPathQuery.Parse(path).Evaluate(Doc);

        Assert.Equal(expected, new JsonArray(results.Select(r => r?.DeepClone()).ToArray()).ToJsonString());
    }

    [Theory]
    [InlineData(".a[")]
    [InlineData("a.b")]
    [InlineData(".a..b")]
    [InlineData(".a[x]")]
    public void Refuses_paths_outside_the_subset(string path)
    {
        Assert.Throws<FormatException>(() => JsonPathQuery.Parse(path));
    }
}
