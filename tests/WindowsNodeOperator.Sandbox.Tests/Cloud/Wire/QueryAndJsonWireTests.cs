using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

public sealed class QueryAndJsonWireTests : IDisposable
{
    private const string AutoScaling = "Version=2011-01-01";
    private readonly SeededAccount _account = new();

    [Fact]
    public async Task Query_lists_are_numbered_members_and_answers_wrap_a_result()
    {
        var form = $"Action=DescribeAutoScalingGroups&{AutoScaling}&AutoScalingGroupNames.member.1=eks-windows-b&AutoScalingGroupNames.member.2=eks-windows-legacy";
        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", form));

        Assert.Equal(200, status);
        Assert.Equal(("DescribeAutoScalingGroupsResponse", "http://autoscaling.amazonaws.com/doc/2011-01-01/"), (root.Name.LocalName, root.Name.NamespaceName));
        var result = root.Elements().First();
        Assert.Equal("DescribeAutoScalingGroupsResult", result.Name.LocalName);
        Assert.Equal(["eks-windows-b", "eks-windows-legacy"], result.Elements().Single().Elements().Select(m => m.Elements().First().Value));
        Assert.Equal(6, result.All("Instances").First().Elements().Count(e => e.Name.LocalName == "member"));
        Assert.NotEmpty(root.All("ResponseMetadata").Single().One("RequestId"));
    }

    [Fact]
    public async Task Query_tag_filters_page_by_max_records()
    {
        var form = $"Action=DescribeAutoScalingGroups&{AutoScaling}&Filters.member.1.Name=tag%3Awindowsnode.io%2Fmanaged&Filters.member.1.Values.member.1=true&MaxRecords=1";
        var (_, first) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", form));
        var token = first.One("NextToken");
        var (_, second) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", $"{form}&NextToken={Uri.EscapeDataString(token)}"));

        Assert.Equal(["eks-windows-a"], first.All("AutoScalingGroupName").Take(1).Select(e => e.Value));
        Assert.Equal("eks-windows-b", second.All("AutoScalingGroupName").First().Value);
        Assert.Empty(second.All("NextToken"));

        var (status, bad) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", $"{form}&NextToken=nonsense"));
        Assert.Equal((400, "InvalidNextToken"), (status, bad.One("Code")));
    }

    [Fact]
    public async Task Query_errors_say_who_is_at_fault()
    {
        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", $"Action=DescribeLifecycleHooks&{AutoScaling}&AutoScalingGroupName=nope"));
        Assert.Equal(400, status);
        Assert.Equal("ErrorResponse", root.Name.LocalName);
        Assert.Equal(("Sender", "ValidationError"), (root.One("Type"), root.One("Code")));
        Assert.NotEmpty(root.One("RequestId"));

        _account.Cloud.Faults.Set("autoscaling:DescribeLifecycleHooks", FaultKind.InternalError, remaining: 1);
        var (serverStatus, server) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", $"Action=DescribeLifecycleHooks&{AutoScaling}&AutoScalingGroupName=eks-windows-a"));
        Assert.Equal((500, "Receiver", "InternalFailure"), (serverStatus, server.One("Type"), server.One("Code")));
    }

    [Fact]
    public async Task Json_errors_carry_the_type_and_the_real_status()
    {
        _account.Cloud.Faults.Set("ssm:GetParameters", FaultKind.Throttling, remaining: 1);
        using var throttled = await _account.Client.SendAsync(WireCall.Json("GetParameters", """{"Names":["/x"]}"""), CancellationToken.None);
        var body = JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!;

        Assert.Equal(400, (int)throttled.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", throttled.Content.Headers.ContentType!.MediaType);
        Assert.Equal(("ThrottlingException", "Rate exceeded"), (body["__type"]!.GetValue<string>(), body["message"]!.GetValue<string>()));
        Assert.True(throttled.Headers.Contains("x-amzn-RequestId"));

        using var unknown = await _account.Client.SendAsync(WireCall.Json("GetParameter", """{"Name":"/nope"}"""), CancellationToken.None);
        Assert.Equal((400, "ParameterNotFound"), ((int)unknown.StatusCode, JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Json_timestamps_are_epoch_seconds()
    {
        using var response = await _account.Client.SendAsync(WireCall.Json("GetParameter", """{"Name":"/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id"}"""), CancellationToken.None);
        var parameter = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Parameter"]!;

        var seconds = parameter["LastModifiedDate"]!.GetValue<double>();
        Assert.Equal(_account.Cloud.Ssm.GetParameter(parameter["Name"]!.GetValue<string>()).LastModifiedDate, DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)));
    }

    public void Dispose() => _account.Dispose();
}
