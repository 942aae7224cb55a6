using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>
/// Answer faults on the wire: the call is served and its answer spoiled on the way back, in the protocol's own format,
/// for one operation and, when a resource is named, only in the items holding it. Errors are never spoiled.
/// </summary>
public sealed class AnswerFaultWireTests : IDisposable
{
    private const string Groups = "Action=DescribeAutoScalingGroups&Version=2011-01-01&AutoScalingGroupNames.member.1=eks-windows-a";
    private const string Parameter = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id";
    private readonly SeededAccount _account = new();

    [Fact]
    public async Task A_truncated_answer_is_cut_at_the_offset_and_is_no_longer_xml()
    {
        var whole = await BodyAsync(WireCall.Form("autoscaling", Groups));
        _account.Cloud.Faults.SetAnswer("autoscaling:DescribeAutoScalingGroups", AnswerFault.Truncate(120));

        var cut = await BodyAsync(WireCall.Form("autoscaling", Groups));

        Assert.Equal(whole[..120], cut);
        Assert.Throws<XmlException>(() => System.Xml.Linq.XDocument.Parse(cut));
        Assert.Equal(1L, _account.Cloud.Faults.SpoiledAnswers("autoscaling:DescribeAutoScalingGroups"));
        Assert.Equal(2L, _account.Cloud.Calls.Calls("autoscaling:DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task An_unknown_value_reaches_only_the_named_instance()
    {
        var instances = _account.Cloud.AutoScaling.DescribeAutoScalingGroups("eks-windows-a").Single().Instances.Select(i => i.InstanceId).ToList();
        _account.Cloud.Faults.SetAnswer("autoscaling:DescribeAutoScalingGroups", AnswerFault.UnknownValue("LifecycleState", "Quiescing", instances[1]));

        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", Groups));

        Assert.Equal(200, status);
        var states = root.All("Instances").Single().Elements().ToDictionary(m => m.One("InstanceId"), m => m.One("LifecycleState"));
        Assert.Equal("Quiescing", states[instances[1]]);
        Assert.Equal(instances.Count - 1, states.Values.Count(s => s == "InService"));
    }

    [Fact]
    public async Task A_dropped_nested_field_leaves_the_item_without_it()
    {
        var id = _account.Cloud.Ec2.DescribeInstances().First(i => i.AutoScalingGroupName == "eks-windows-a").InstanceId;
        _account.Cloud.Faults.SetAnswer("ec2:DescribeInstances", AnswerFault.DropField("instanceState/name", id));

        var (_, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", $"Action=DescribeInstances&Version=2016-11-15&InstanceId.1={id}"));

        var state = root.All("instanceState").Single();
        Assert.DoesNotContain(state.Elements(), e => e.Name.LocalName == "name");
        Assert.Single(state.Elements(), e => e.Name.LocalName == "code");
    }

    [Fact]
    public async Task Json_answers_are_spoiled_by_property()
    {
        _account.Cloud.Faults.SetAnswer("ssm:GetParameter", AnswerFault.DropField("Parameter/Value"));
        var dropped = JsonNode.Parse(await BodyAsync(WireCall.Json("GetParameter", $$"""{"Name":"{{Parameter}}"}""")))!;
        _account.Cloud.Faults.SetAnswer("ssm:GetParameter", AnswerFault.UnknownValue("Type", "SecureList"));
        var unknown = JsonNode.Parse(await BodyAsync(WireCall.Json("GetParameter", $$"""{"Name":"{{Parameter}}"}""")))!;
        _account.Cloud.Faults.SetAnswer("ssm:GetParameter", AnswerFault.Truncate());
        var cut = await BodyAsync(WireCall.Json("GetParameter", $$"""{"Name":"{{Parameter}}"}"""));

        Assert.False(dropped["Parameter"]!.AsObject().ContainsKey("Value"));
        Assert.Equal(Parameter, dropped["Parameter"]!["Name"]!.GetValue<string>());
        Assert.Equal("SecureList", unknown["Parameter"]!["Type"]!.GetValue<string>());
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(cut));
    }

    [Fact]
    public async Task Errors_and_other_operations_are_left_alone_and_clearing_restores_the_answer()
    {
        _account.Cloud.Faults.SetAnswer("autoscaling:DescribeLifecycleHooks", AnswerFault.Truncate(10));
        var (status, error) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", "Action=DescribeLifecycleHooks&Version=2011-01-01&AutoScalingGroupName=nope"));
        var (_, groups) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", Groups));
        _account.Cloud.Faults.ClearAll();
        var (_, hooks) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", "Action=DescribeLifecycleHooks&Version=2011-01-01&AutoScalingGroupName=eks-windows-a"));

        Assert.Equal((400, "ValidationError"), (status, error.One("Code")));
        Assert.Equal("eks-windows-a", groups.One("AutoScalingGroupName"));
        Assert.Equal("DescribeLifecycleHooksResponse", hooks.Name.LocalName);
        Assert.Equal(0L, _account.Cloud.Faults.SpoiledAnswers("autoscaling:DescribeLifecycleHooks"));
    }

    private async Task<string> BodyAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _account.Client.SendAsync(request, CancellationToken.None);
            return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        }
    }

    public void Dispose() => _account.Dispose();
}
