using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Ssm;
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
}
