using WindowsNodeOperator.Sandbox.Kubernetes.Patching;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;

public sealed class JsonPatchTests
{
    // RFC 6902 appendix A, the examples that must succeed.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"a/b":1}""", """[{"op":"copy","from":"/a~1b","path":"/c"}]""", """{"a/b":1,"c":1}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"m":{"a":"1"}}""", """[{"op":"add","path":"/m/a","value":"2"}]""", """{"m":{"a":"2"}}""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/2","value":3}]""", """{"l":[1,2,3]}""")]
    public void Applies_rfc_examples(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(TestJson.Parse(document), TestJson.Array(patch));

        TestJson.Equal(expected, result);
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed: test failed")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "testing value /~01 failed: test failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "add operation does not apply: doc is missing path: \"/baz/bat\": missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", "remove operation does not apply: doc is missing path: \"/nope\": missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"replace","path":"/nope","value":1}]""", "replace operation does not apply: doc is missing key: /nope: missing value")]
    [InlineData("""{"l":[1]}""", """[{"op":"add","path":"/l/5","value":1}]""", "Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"move","from":"/x","path":"/y"}]""", "move operation does not apply: doc is missing from path: /x")]
    public void Refuses_what_does_not_apply_with_422(string document, string patch, string message)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(TestJson.Parse(document), TestJson.Array(patch)));

        Assert.Equal(message, error.Message);
        Assert.Equal(422, error.StatusCode);
    }

    [Theory]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""")]
    [InlineData("""[{"op":"add","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[42]""")]
    public void Refuses_malformed_operations_with_400(string patch)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(TestJson.Parse("""{"a":1}"""), TestJson.Array(patch)));

        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Leaves_the_target_untouched_and_stops_at_the_first_failure()
    {
        var target = TestJson.Parse("""{"metadata":{"labels":{"a":"1"}}}""");
        var patch = TestJson.Array("""[{"op":"add","path":"/metadata/labels/b","value":"2"},{"op":"test","path":"/metadata/labels/a","value":"9"}]""");

        Assert.Throws<PatchException>(() => JsonPatch.Apply(target, patch));
        var ok = JsonPatch.Apply(target, TestJson.Array("""[{"op":"remove","path":"/metadata/labels/a"}]"""));

        TestJson.Equal("""{"metadata":{"labels":{"a":"1"}}}""", target);
        TestJson.Equal("""{"metadata":{"labels":{}}}""", ok);
    }

    [Fact]
    public void Copies_are_independent_of_their_source()
    {
        var result = JsonPatch.Apply(
            TestJson.Parse("""{"a":{"x":1}}"""),
            TestJson.Array("""[{"op":"copy","from":"/a","path":"/b"},{"op":"replace","path":"/b/x","value":2}]"""));

        TestJson.Equal("""{"a":{"x":1},"b":{"x":2}}""", result);
    }
}
