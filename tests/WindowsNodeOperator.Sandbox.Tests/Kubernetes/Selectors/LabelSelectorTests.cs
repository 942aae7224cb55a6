using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "web",
        ["tier"] = "front",
        ["kubernetes.io/os"] = "windows",
        ["replicas"] = "3",
        ["empty"] = "",
    };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app = web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (db,web)", true)]
    [InlineData("app in (db)", false)]
    [InlineData("app notin (db)", true)]
    [InlineData("app notin (web, db)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("missing in (x)", false)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("app=web,tier=front", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("kubernetes.io/os=windows,!node-role.kubernetes.io/control-plane", true)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas<3", false)]
    [InlineData("app>2", false)]
    [InlineData("empty=", true)]
    [InlineData("app=", false)]
    [InlineData("app in (in,web)", true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    public void Parses_and_matches_the_query_syntax(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));
    }

    [Fact]
    public void Null_selector_string_selects_everything_and_null_labels_are_empty()
    {
        Assert.True(LabelSelector.Parse(null).IsEverything);
        Assert.True(LabelSelector.Parse("!a").Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.False(LabelSelector.Parse("a").Matches((IReadOnlyDictionary<string, string>?)null));
    }

    [Theory]
    [InlineData("app IN (a)", "unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("app=====web", "unable to parse requirement: found '==', expected: identifier")]
    [InlineData("a=b c", "unable to parse requirement: found 'c', expected: ',' or 'end of string'")]
    [InlineData("a=b,", "unable to parse requirement: found '', expected: identifier after ','")]
    [InlineData("a in ()", "unable to parse requirement: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("a>b", "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("-bad=x", "unable to parse requirement: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")]
    [InlineData("Bad.Prefix/x=y", "unable to parse requirement: Invalid value: \"Bad.Prefix/x\": prefix part must be a lowercase RFC 1123 subdomain")]
    [InlineData("a=-x", "unable to parse requirement: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")]
    [InlineData("=x", "unable to parse requirement: found '=', expected: !, identifier, or 'end of string'")]
    public void Refuses_bad_syntax_with_kube_messages(string selector, string message)
    {
        var error = Assert.Throws<SelectorException>(() => LabelSelector.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Builds_from_match_labels_and_match_expressions()
    {
        var selector = LabelSelector.FromObject(JsonNode.Parse("""
            {"matchLabels":{"app":"web"},"matchExpressions":[
              {"key":"tier","operator":"In","values":["front","back"]},
              {"key":"canary","operator":"DoesNotExist"},
              {"key":"kubernetes.io/os","operator":"Exists"},
              {"key":"zone","operator":"NotIn","values":["z1"]}]}
            """));

        Assert.True(selector.Matches(Labels));
        Assert.False(selector.Matches(new Dictionary<string, string>(Labels) { ["canary"] = "yes" }));
        Assert.False(selector.Matches(new Dictionary<string, string>(Labels) { ["zone"] = "z1" }));
        Assert.Equal("app=web,tier in (back,front),!canary,kubernetes.io/os,zone notin (z1)", selector.ToString());
    }

    [Fact]
    public void Empty_object_selects_everything_and_null_selects_nothing()
    {
        Assert.True(LabelSelector.FromObject(new JsonObject()).Matches(Labels));
        Assert.True(LabelSelector.FromObject(JsonNode.Parse("""{"matchLabels":{}}""")).Matches(new Dictionary<string, string>()));
        Assert.False(LabelSelector.FromObject(null).Matches(Labels));
        Assert.False(LabelSelector.Nothing.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]}""", "\"Gt\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""", "values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "values set must be empty")]
    public void Refuses_invalid_expressions(string selector, string message)
    {
        var error = Assert.Throws<SelectorException>(() => LabelSelector.FromObject(JsonNode.Parse(selector)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_object_metadata_labels()
    {
        var pod = JsonNode.Parse("""{"metadata":{"name":"p","labels":{"app":"web"}}}""");

        Assert.True(LabelSelector.Parse("app=web").Matches(pod));
        Assert.False(LabelSelector.Parse("app=web").Matches(JsonNode.Parse("""{"metadata":{"name":"q"}}""")));
    }
}
