using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly JsonNode Pod = JsonNode.Parse("""
        {"metadata":{"name":"web-1","namespace":"shop"},"spec":{"nodeName":"ip-10-0-0-1","hostNetwork":false},"status":{"phase":"Running"}}
        """)!;

    private static readonly JsonNode Event = JsonNode.Parse("""
        {"metadata":{"name":"e1","namespace":"default"},"involvedObject":{"kind":"Node","name":"n1","uid":"u-1"},"reason":"Drained","type":"Normal"}
        """)!;

    [Theory]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("metadata.namespace=shop,spec.nodeName=ip-10-0-0-1", true)]
    [InlineData("spec.nodeName=other", false)]
    [InlineData("status.phase!=Succeeded,status.phase!=Failed", true)]
    [InlineData("spec.hostNetwork=false", true)]
    [InlineData("status.podIP=", true)]
    [InlineData("spec.schedulerName!=", false)]
    [InlineData("", true)]
    public void Matches_pods(string selector, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Pod));
    }

    [Theory]
    [InlineData("involvedObject.kind=Node,involvedObject.name=n1", true)]
    [InlineData("involvedObject.uid=u-1,reason=Drained,type=Normal", true)]
    [InlineData("involvedObject.namespace=", true)]
    [InlineData("type=Warning", false)]
    public void Matches_events(string selector, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Event));
    }

    [Fact]
    public void Booleans_compare_as_true_and_false()
    {
        var node = JsonNode.Parse("""{"metadata":{"name":"n"},"spec":{"unschedulable":true}}""");

        Assert.True(FieldSelector.Parse("spec.unschedulable=true").Matches(node));
        Assert.True(FieldSelector.Parse("spec.unschedulable!=false").Matches(node));
        Assert.False(FieldSelector.Parse("spec.unschedulable=false").Matches(JsonNode.Parse("""{"spec":{}}""")));
    }

    [Fact]
    public void Escaped_commas_and_equals_belong_to_the_value()
    {
        var selector = FieldSelector.Parse(@"metadata.name=a\,b\=c,metadata.namespace=x");

        Assert.Equal(2, selector.Requirements.Count);
        Assert.Equal("a,b=c", selector.Requirements[0].Value);
        Assert.True(selector.Matches(JsonNode.Parse("""{"metadata":{"name":"a,b=c","namespace":"x"}}""")));
        Assert.Equal(@"metadata.name=a\,b\=c,metadata.namespace=x", selector.ToString());
    }

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("=x")]
    [InlineData("a=b,oops")]
    public void Refuses_terms_without_an_operator(string selector)
    {
        var error = Assert.Throws<SelectorException>(() => FieldSelector.Parse(selector));

        Assert.StartsWith($"invalid selector: '{selector}'; can't understand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_fields_the_kind_does_not_support()
    {
        FieldSelector.Parse("spec.nodeName=n,status.phase=Running").EnsureSupported("Pod");
        FieldSelector.Parse("spec.unschedulable=false,metadata.name=n").EnsureSupported("Node");

        var error = Assert.Throws<SelectorException>(() => FieldSelector.Parse("spec.nodeName=n").EnsureSupported("Node"));

        Assert.Equal("field label not supported: spec.nodeName", error.Message);
        Assert.Contains("involvedObject.uid", FieldSelector.SupportedFields("Event"));
        Assert.Equal(["metadata.name", "metadata.namespace"], FieldSelector.SupportedFields("WindowsNodePolicy").Order());
    }
}
