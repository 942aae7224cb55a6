using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Tests.Aws.AutoScaling;
using WindowsNodeOperator.Tests.Aws.Ec2;
using WindowsNodeOperator.Tests.Aws.Ssm;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.Aws;

/// <summary>What a full look at a large fleet costs in AWS calls.</summary>
public sealed class FleetCallCountTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_fleet_of_5000_instances_in_50_groups_costs_five_describe_calls_and_one_ssm_call_per_parameter_per_ttl()
    {
        var fleet = new FakeFleet();
        fleet.AddGroups(groups: 50, instancesPerGroup: 100);
        var ami = new FakeAmiSource();
        string[] parameters = ["/custom/windows-2019/image_id", "/custom/windows-2022/image_id"];
        ami.AddAmi(parameters[0], "ami-0aaaaaaaaaaaaaaaa", "2019", "2026-04-01T00:00:00Z");
        ami.AddAmi(parameters[1], "ami-0bbbbbbbbbbbbbbbb", "2022", "2026-04-01T00:00:00Z");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var pipeline = new RecordingPipeline();
        var inventory = new Ec2InstanceInventory(fleet.Ec2.Object, pipeline);
        var catalog = new SsmAmiCatalog(
            new SsmParameterReader(ami.Ssm.Object, pipeline), new Ec2ImageReader(ami.Ec2.Object, pipeline),
            Options.Create(new AmiCatalogOptions()), time);
        var groups = Enumerable.Range(0, 50).Select(g => $"group-{g:D3}").ToList();

        // Ten reconciles within the hour: each reads both AMIs, one policy per parameter.
        for (var round = 0; round < 10; round++)
        {
            foreach (var parameter in parameters)
            {
                await catalog.GetLatestAsync(parameter, CancellationToken.None);
            }

            time.Advance(TimeSpan.FromMinutes(5));
        }

        var ssmWithinTtl = ami.ParameterRequests.Count;
        time.Advance(TimeSpan.FromMinutes(15));
        await catalog.GetLatestAsync(parameters[0], CancellationToken.None);
        var ssmAfterTtl = ami.ParameterRequests.Count;
        var instances = await inventory.ListAsync(groups, CancellationToken.None);
        var describeInstances = pipeline.Count("DescribeInstances");

        output.WriteLine($"instances: {instances.Count} in {groups.Count} groups");
        output.WriteLine($"ec2:DescribeInstances calls: {describeInstances}");
        output.WriteLine($"ssm:GetParameters calls for {parameters.Length} parameters within the TTL: {ssmWithinTtl}, after it expired for one: {ssmAfterTtl}");
        output.WriteLine($"ec2:DescribeImages calls: {ami.ImageRequests.Count}");

        Assert.Equal(5000, instances.Count);
        Assert.InRange(describeInstances, 1, 5);
        Assert.All(fleet.Requests, r => Assert.Equal(1000, r.MaxResults));
        Assert.Equal(parameters.Length, ssmWithinTtl);
        Assert.Equal(parameters.Length + 1, ssmAfterTtl);
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(250, 3)]
    public async Task Describing_groups_by_tag_costs_one_auto_scaling_call_per_hundred_groups(int groupCount, int expectedCalls)
    {
        using var harness = new AutoScalingHarness(request => Page(request, groupCount, instancesPerGroup: 100));

        var groups = await harness.Adapter.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("windowsnode.io/managed", ["true"])], CancellationToken.None);

        var calls = harness.Requests.Count;
        output.WriteLine($"autoscaling calls for {groups.Count} groups with {groups.Sum(g => g.Instances.Count)} instances: {calls}");
        Assert.Equal(groupCount, groups.Count);
        Assert.All(groups, g => Assert.Equal(100, g.Instances.Count));
        Assert.All(harness.Requests, r => Assert.Equal("DescribeAutoScalingGroups", r.Action));
        Assert.Equal(expectedCalls, calls);
    }

    // Answers DescribeAutoScalingGroups as the service pages it: MaxRecords groups a page, NextToken the index of the next.
    private static HttpResponseMessage Page(RecordedRequest request, int groupCount, int instancesPerGroup)
    {
        var size = int.Parse(request.Value("MaxRecords") ?? "50", System.Globalization.CultureInfo.InvariantCulture);
        var start = int.Parse(request.Value("NextToken") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var end = Math.Min(groupCount, start + size);
        var members = Enumerable.Range(start, end - start).Select(g => $"""
            <member>
              <AutoScalingGroupName>group-{g:D3}</AutoScalingGroupName>
              <LaunchTemplate><LaunchTemplateId>lt-{g:D17}</LaunchTemplateId><Version>1</Version></LaunchTemplate>
              <MinSize>0</MinSize><MaxSize>{2 * instancesPerGroup}</MaxSize><DesiredCapacity>{instancesPerGroup}</DesiredCapacity>
              <Instances>{string.Concat(Enumerable.Range(0, instancesPerGroup).Select(i => $"<member><InstanceId>i-{g:D3}{i:D14}</InstanceId><AvailabilityZone>eu-west-1a</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>"))}</Instances>
              <Tags><member><Key>windowsnode.io/managed</Key><Value>true</Value></member></Tags>
            </member>
            """).ToArray();
        return RecordingHandler.Xml(Samples.Groups(end < groupCount ? $"{end}" : null, members), System.Net.HttpStatusCode.OK);
    }
}
