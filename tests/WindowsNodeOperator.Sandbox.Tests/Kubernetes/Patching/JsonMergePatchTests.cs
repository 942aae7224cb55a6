using WindowsNodeOperator.Sandbox.Kubernetes.Patching;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;

public sealed class JsonMergePatchTests
{
    // RFC 7386 appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Applies_rfc_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(TestJson.Parse(target), TestJson.Parse(patch));

        TestJson.Equal(expected, result);
    }

    [Fact]
    public void Null_target_starts_from_an_empty_object()
    {
        TestJson.Equal("""{"a":1}""", JsonMergePatch.Apply(null, TestJson.Parse("""{"a":1,"b":null}""")));
    }

    [Fact]
    public void Leaves_target_and_patch_untouched()
    {
        var target = TestJson.Parse("""{"metadata":{"labels":{"a":"1"}}}""");
        var patch = TestJson.Parse("""{"metadata":{"labels":{"a":null,"b":"2"}}}""");

        var result = JsonMergePatch.Apply(target, patch);

        TestJson.Equal("""{"metadata":{"labels":{"b":"2"}}}""", result);
        TestJson.Equal("""{"metadata":{"labels":{"a":"1"}}}""", target);
        TestJson.Equal("""{"metadata":{"labels":{"a":null,"b":"2"}}}""", patch);
    }

    [Fact]
    public void Keeps_member_order_when_replacing_a_value()
    {
        var result = JsonMergePatch.Apply(TestJson.Parse("""{"a":1,"b":2,"c":3}"""), TestJson.Parse("""{"b":9}"""));

        Assert.Equal("""{"a":1,"b":9,"c":3}""", result.ToJsonString());
    }
}
