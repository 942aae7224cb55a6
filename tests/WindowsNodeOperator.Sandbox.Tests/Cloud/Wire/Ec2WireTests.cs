using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

public sealed class Ec2WireTests : IDisposable
{
    private const string Version = "Version=2016-11-15";
    private readonly SeededAccount _account = new();

    [Fact]
    public async Task Filters_and_ids_are_flattened_as_ec2_flattens_them()
    {
        var form = $"Action=DescribeInstances&{Version}&Filter.1.Name=tag%3Aaws%3Aautoscaling%3AgroupName&Filter.1.Value.1=eks-windows-a&Filter.1.Value.2=eks-windows-b"
            + "&Filter.2.Name=instance-state-name&Filter.2.Value.1=running";
        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", form));

        Assert.Equal(200, status);
        Assert.Equal("http://ec2.amazonaws.com/doc/2016-11-15/", root.Name.NamespaceName);
        Assert.Equal("DescribeInstancesResponse", root.Name.LocalName);
        Assert.NotEmpty(root.One("requestId"));
        var expected = _account.Cloud.Ec2.DescribeInstances()
            .Where(i => i.AutoScalingGroupName is "eks-windows-a" or "eks-windows-b" && i.State == Ec2InstanceState.Running)
            .Select(i => i.InstanceId).Order(StringComparer.Ordinal);
        Assert.Equal(expected, root.All("instancesSet").Select(s => s.Elements().Single().Elements().First(e => e.Name.LocalName == "instanceId").Value));
        Assert.All(root.All("reservationSet").Single().Elements(), e => Assert.Equal("item", e.Name.LocalName));
    }

    [Fact]
    public async Task Instance_ids_are_numbered_without_member_and_a_wildcard_filter_matches()
    {
        var ids = _account.Cloud.Ec2.DescribeInstances().Take(2).Select(i => i.InstanceId).ToList();
        var (_, byId) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", $"Action=DescribeInstances&{Version}&InstanceId.1={ids[0]}&InstanceId.2={ids[1]}"));
        Assert.Equal(ids.Order(StringComparer.Ordinal), byId.All("instanceId").Select(e => e.Value).Distinct());

        // `.member.N` is the Query protocol's spelling, not EC2's: EC2 does not read it as a list of ids.
        var (_, member) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", $"Action=DescribeInstances&{Version}&InstanceId.member.1={ids[0]}"));
        Assert.Equal(_account.Cloud.Ec2.DescribeInstances().Count, member.All("instancesSet").Count());

        var (_, wild) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", $"Action=DescribeInstances&{Version}&Filter.1.Name=tag%3Aaws%3Aautoscaling%3AgroupName&Filter.1.Value.1=eks-windows-*"));
        Assert.Equal(14, wild.All("instancesSet").Count());
    }

    [Fact]
    public async Task Pages_follow_next_token_until_it_is_gone()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var form = $"Action=DescribeInstances&{Version}&MaxResults=5" + (token is null ? string.Empty : $"&NextToken={Uri.EscapeDataString(token)}");
            var (_, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", form));
            seen.AddRange(root.All("instancesSet").Select(s => s.Elements().Single().Elements().First().Value));
            token = root.All("nextToken").FirstOrDefault()?.Value;
            pages++;
        }
        while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(_account.Cloud.Ec2.DescribeInstances().Select(i => i.InstanceId).Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Errors_come_in_the_ec2_error_shape()
    {
        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", $"Action=DescribeInstances&{Version}&InstanceId.1=i-00000000000000000"));

        Assert.Equal(400, status);
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal(string.Empty, root.Name.NamespaceName);
        Assert.Equal("InvalidInstanceID.NotFound", root.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.NotEmpty(root.Element("Errors")!.Element("Error")!.Element("Message")!.Value);
        Assert.NotEmpty(root.Element("RequestID")!.Value);

        var (badFilter, filterRoot) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", $"Action=DescribeInstances&{Version}&Filter.1.Name=no-such-filter&Filter.1.Value.1=x"));
        Assert.Equal((400, "InvalidParameterValue"), (badFilter, filterRoot.One("Code")));
    }

    public void Dispose() => _account.Dispose();
}
