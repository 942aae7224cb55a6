using System.Text.Json;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

public sealed class YamlJsonTests
{
    [Theory]
    [InlineData("v: true", JsonValueKind.True)]
    [InlineData("v: yes", JsonValueKind.True)]
    [InlineData("v: Off", JsonValueKind.False)]
    [InlineData("v: 42", JsonValueKind.Number)]
    [InlineData("v: 0x1F", JsonValueKind.Number)]
    [InlineData("v: 1.5", JsonValueKind.Number)]
    [InlineData("v: \"42\"", JsonValueKind.String)]
    [InlineData("v: '2022'", JsonValueKind.String)]
    [InlineData("v: !!str 42", JsonValueKind.String)]
    [InlineData("v: \"true\"", JsonValueKind.String)]
    [InlineData("v: 45d", JsonValueKind.String)]
    [InlineData("v: 1.31.2", JsonValueKind.String)]
    [InlineData("v: 2024-01-01", JsonValueKind.String)]
    [InlineData("v: ~", JsonValueKind.Null)]
    [InlineData("v:", JsonValueKind.Null)]
    public void Scalars_resolve_like_yaml_1_1(string yaml, JsonValueKind expected)
    {
        var node = YamlJson.Parse(yaml)["v"];

        Assert.Equal(expected, node?.GetValueKind() ?? JsonValueKind.Null);
    }

    [Fact]
    public void Numbers_keep_their_values()
    {
        var node = YamlJson.Parse("{a: 0x1F, b: -12, c: 0o7, d: 017, e: 1_000}");

        Assert.Equal("""{"a":31,"b":-12,"c":"0o7","d":15,"e":1000}""", node.ToJsonString());
    }

    [Fact]
    public void Multiple_documents_skip_empty_ones()
    {
        var documents = YamlJson.ParseDocuments("a: 1\n---\n---\nb: [x, 'y']\n");

        Assert.Equal(["""{"a":1}""", """{"b":["x","y"]}"""], documents.Select(d => d.ToJsonString()));
    }
}
