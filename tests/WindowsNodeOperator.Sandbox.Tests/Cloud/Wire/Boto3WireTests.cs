using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>boto3 is the judge: every served operation, called by the real botocore serializers and parsers, reads what the account holds.</summary>
public sealed class Boto3WireTests
{
    private const string GroupA = "eks-windows-a";
    private const string GroupB = "eks-windows-b";
    private const string Legacy = "eks-windows-legacy";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly FleetOptions _fleet = new();

    [Fact]
    public async Task Boto3_drives_every_operation_and_reads_the_simulated_account()
    {
        var cloud = new SimulatedCloud(_time);
        var instances = FleetPlan.Build(_fleet, _time.GetUtcNow());
        cloud.Seed(_fleet, instances);
        var parameter = FleetParameters.WindowsAmi(_fleet.KubernetesVersion);
        var newImage = cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.12.07", "windows");
        var groupA = cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single();
        var templateId = groupA.LaunchTemplate.LaunchTemplateId!;
        var instance = cloud.Ec2.DescribeInstances([groupA.Instances[0].InstanceId]).Single();
        var legacyInstance = cloud.AutoScaling.DescribeAutoScalingGroups(Legacy).Single().Instances[0].InstanceId;
        var history = cloud.Ssm.GetParameterHistory(parameter);
        var latestVersion = cloud.Ec2.DescribeLaunchTemplateVersions(new LaunchTemplateSpecification(templateId, null), "$Latest").Single();
        var groupAInstances = cloud.Ec2.DescribeInstances().Where(i => i.AutoScalingGroupName == GroupA).Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();

        await using var server = await SimulatedAwsServer.StartAsync(cloud);
        var given = new JsonObject
        {
            ["parameter"] = parameter,
            ["groupA"] = GroupA,
            ["groupB"] = GroupB,
            ["legacyGroup"] = Legacy,
            ["instanceId"] = instance.InstanceId,
            ["legacyInstanceId"] = legacyInstance,
            ["templateId"] = templateId,
            ["imageIds"] = new JsonArray([.. FleetPlan.MonthlyWindowsAmis.Select(a => (JsonNode)a!)]),
            ["newImageId"] = newImage.ImageId,
        };
        var read = await Boto3Script.RunAsync("boto3_wire_check.py", server.BaseAddress.ToString(), given.ToJsonString());

        // SSM
        Assert.Equal([history[^1].Value], Strings(read["getParameters"]!["values"]));
        Assert.Equal(["/not/there"], Strings(read["getParameters"]!["invalid"]));
        Assert.Equal(history[^1].LastModifiedDate, Time(read["getParameters"]!["modified"]![0]));
        Assert.Equal(history[^1].Version, read["getParameter"]!["version"]!.GetValue<long>());
        Assert.Equal($"arn:aws:ssm:us-west-2::parameter{parameter}", read["getParameter"]!["arn"]!.GetValue<string>());
        Assert.Equal(history.Select(h => h.Value), Strings(read["getParameterHistory"]!["values"]));
        Assert.Equal((history.Count + 1) / 2, read["getParameterHistory"]!["pages"]!.GetValue<int>());
        AssertError(read["ssmError"], "ParameterNotFound", 400);

        // EC2
        Assert.Equal(groupAInstances, Strings(read["describeInstances"]!["ids"]));
        Assert.Equal(2, read["describeInstances"]!["pages"]!.GetValue<int>());
        var seen = read["instance"]!;
        Assert.Equal((instance.InstanceId, instance.ImageId, instance.InstanceType, "running", 16), (S(seen["id"]), S(seen["imageId"]), S(seen["type"]), S(seen["state"]), seen["stateCode"]!.GetValue<int>()));
        Assert.Equal((instance.LaunchTime, instance.NetworkInterfaceAttachTime), (Time(seen["launchTime"]), Time(seen["attachTime"])));
        Assert.Equal((instance.PrivateDnsName, instance.PrivateIpAddress, instance.AvailabilityZone, "windows"), (S(seen["privateDnsName"]), S(seen["privateIp"]), S(seen["zone"]), S(seen["platform"])));
        Assert.Equal(instance.Tags.OrderBy(t => t.Key), seen["tags"]!.AsObject().Select(t => KeyValuePair.Create(t.Key, S(t.Value))).OrderBy(t => t.Key));
        var images = cloud.Ec2.DescribeImages(FleetPlan.MonthlyWindowsAmis);
        Assert.Equal(images.Select(i => i.ImageId).Order(StringComparer.Ordinal), read["describeImages"]!.AsArray().Select(i => S(i!["id"])));
        Assert.All(read["describeImages"]!.AsArray(), i => Assert.Equal(images.Single(x => x.ImageId == S(i!["id"])).CreationDate, Time(i!["created"])));
        Assert.Equal(latestVersion.VersionNumber, read["describeLaunchTemplateVersions"]!["version"]!.GetValue<int>());
        Assert.Equal(latestVersion.ImageId, S(read["describeLaunchTemplateVersions"]!["imageId"]));
        var created = cloud.Ec2.DescribeLaunchTemplateVersions(new LaunchTemplateSpecification(templateId, null), "$Latest").Single();
        Assert.Equal([created.VersionNumber, created.VersionNumber], read["createLaunchTemplateVersion"]!["versions"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal((latestVersion.VersionNumber + 1, newImage.ImageId), (created.VersionNumber, created.ImageId));
        AssertError(read["ec2Errors"]!["template"], "InvalidLaunchTemplateId.NotFound", 400);
        AssertError(read["ec2Errors"]!["instance"], "InvalidInstanceID.NotFound", 400);

        // Auto Scaling
        var groups = read["describeGroups"]!.AsArray();
        Assert.Equal([GroupA, GroupB], groups.Select(g => S(g!["name"])));
        Assert.Equal(groupA.Instances.Select(i => i.InstanceId), Strings(groups[0]!["instances"]));
        Assert.Equal((groupA.DesiredCapacity, groupA.MinSize, groupA.MaxSize), (groups[0]!["desired"]!.GetValue<int>(), groups[0]!["min"]!.GetValue<int>(), groups[0]!["max"]!.GetValue<int>()));
        Assert.Equal((templateId, groupA.LaunchTemplate.Version), (S(groups[0]!["template"]!["LaunchTemplateId"]), S(groups[0]!["template"]!["Version"])));
        Assert.Equal(["InService"], Strings(groups[0]!["states"]));
        Assert.Equal("true", S(groups[0]!["tags"]!["windowsnode.io/managed"]));
        Assert.Equal([GroupA, GroupB], Strings(read["describeGroupsByTag"]!["names"]));
        Assert.Equal(2, read["describeGroupsByTag"]!["pages"]!.GetValue<int>());

        var hook = read["describeLifecycleHooks"]!.AsArray().Single()!;
        Assert.Equal(("wire-drain", LifecycleHooks.Terminating, 300, 30000, "CONTINUE"), (S(hook["name"]), S(hook["transition"]), hook["heartbeat"]!.GetValue<int>(), hook["global"]!.GetValue<int>(), S(hook["default"])));
        Assert.Equal(0, read["hooksAfterDelete"]!.GetValue<int>());
        var activities = cloud.AutoScaling.DescribeScalingActivities(Legacy);
        var terminated = activities.Single(a => a.Description == $"Terminating EC2 instance: {legacyInstance}");
        Assert.Equal((terminated.ActivityId, "InProgress", _time.GetUtcNow()), (S(read["terminate"]!["id"]), S(read["terminate"]!["status"]), Time(read["terminate"]!["start"])));
        Assert.Equal(activities.Select(a => a.ActivityId), read["describeScalingActivities"]!.AsArray().Select(a => S(a!["id"])));
        Assert.Contains(read["describeScalingActivities"]!.AsArray(), a => S(a!["description"]).StartsWith("Launching a new EC2 instance", StringComparison.Ordinal));

        var refreshA = cloud.AutoScaling.DescribeInstanceRefreshes(GroupA).Single();
        var described = read["describeInstanceRefreshes"]!;
        Assert.Equal((refreshA.InstanceRefreshId, _time.GetUtcNow()), (S(described["id"]), Time(described["start"])));
        Assert.Contains(S(described["status"]), new[] { "Pending", "InProgress" });
        Assert.Equal(
            """{"MinHealthyPercentage":80,"MaxHealthyPercentage":120,"InstanceWarmup":60,"SkipMatching":true,"CheckpointPercentages":[50,100],"CheckpointDelay":600}""",
            described["preferences"]!.ToJsonString());
        Assert.Equal(created.VersionNumber.ToString(CultureInfo.InvariantCulture), S(described["desired"]!["Version"]));
        AssertError(read["refreshInProgress"], "InstanceRefreshInProgress", 400);
        Assert.Equal((refreshA.InstanceRefreshId, refreshA.InstanceRefreshId), (S(read["cancel"]!["started"]), S(read["cancel"]!["cancelled"])));
        Assert.Equal(InstanceRefreshStatus.Cancelling, refreshA.Status);
        var refreshB = cloud.AutoScaling.DescribeInstanceRefreshes(GroupB).Single();
        Assert.Equal((refreshB.InstanceRefreshId, refreshB.InstanceRefreshId), (S(read["rollback"]!["started"]), S(read["rollback"]!["rolledBack"])));
        Assert.Equal(InstanceRefreshStatus.RollbackInProgress, refreshB.Status);
        AssertError(read["autoScalingError"], "ValidationError", 400);
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(S)];

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(S(node), CultureInfo.InvariantCulture);

    private static void AssertError(JsonNode? error, string code, int status)
    {
        Assert.NotNull(error);
        Assert.Equal((code, status), (S(error["code"]), error["status"]!.GetValue<int>()));
    }
}
