using System.Globalization;
using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The rollout invariants checked over the wire once the policy is Ready, for operators run as processes: what boto3 reads
/// from the sandbox's account, what kubectl reads from its cluster, and the writes and summary the sandbox program printed
/// (<c>--print-writes</c>). Every managed instance on the newest AMI; one Successful refresh and one launch template
/// version for it per group, each started once; none cordoned; every drain and launch action completed once by the
/// operator, none left to time out; no pod evicted twice; no budget below its minimum.
/// </summary>
internal static partial class WireRolloutFinished
{
    private const string Account = """
        import boto3
        asg, ec2, ssm = boto3.client("autoscaling"), boto3.client("ec2"), boto3.client("ssm")
        latest = ssm.get_parameter(Name="/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id")["Parameter"]["Value"]
        for group in asg.describe_auto_scaling_groups(AutoScalingGroupNames=["eks-windows-a", "eks-windows-b"])["AutoScalingGroups"]:
            name = group["AutoScalingGroupName"]
            refreshes = asg.describe_instance_refreshes(AutoScalingGroupName=name)["InstanceRefreshes"]
            ids = [i["InstanceId"] for i in group["Instances"]]
            images = {i["ImageId"] for r in ec2.describe_instances(InstanceIds=ids)["Reservations"] for i in r["Instances"]}
            template = group["LaunchTemplate"]["LaunchTemplateId"]
            versions = ec2.describe_launch_template_versions(LaunchTemplateId=template)["LaunchTemplateVersions"]
            pinned = sum(1 for v in versions if v["LaunchTemplateData"].get("ImageId") == latest)
            print(name, len(refreshes), ",".join(r["Status"] for r in refreshes), "on-latest" if images == {latest} else "off-latest", pinned)
        """;

    /// <summary>Checks every invariant; the evictions the sandbox accepted and refused, for the report.</summary>
    public static async Task<(int Accepted, int Refused)> CheckAsync(SandboxProcesses world, int replaced)
    {
        Assert.Equal(
            [.. SandboxProcesses.ManagedGroups.Select(g => $"{g} 1 Successful on-latest 1")],
            (await world.Boto3Async(Account)).Order(StringComparer.Ordinal));
        await world.AssertNoneCordonedAsync();

        var summary = await world.Sandbox.WaitForLineAsync("Lifecycle actions timed out: ", SandboxProcesses.StartWithin);
        Assert.Equal("Lifecycle actions timed out: 0", summary.Trim());
        var headroom = HeadroomLine().Match(world.Sandbox.Output);
        Assert.True(headroom.Success, "the sandbox printed no budget headroom");
        Assert.True(int.Parse(headroom.Groups[1].Value, CultureInfo.InvariantCulture) >= 0, headroom.Value);

        var writes = SandboxWrite.Parse(world.Sandbox.Output);
        AssertOncePer(writes, "StartInstanceRefresh", w => w["AutoScalingGroupName"], SandboxProcesses.ManagedGroups.Length);
        // CreateLaunchTemplateVersion is not counted here: a fresh process repeats the call whose answer was lost, with the
        // first call's client token, and EC2 answers with the version already made. What counts is what exists: boto3
        // found exactly one version per template with the new AMI (the last figure of each line above).
        AssertOncePer(writes.Where(w => w["LifecycleHookName"] == "windowsnode-drain"), "CompleteLifecycleAction", w => w["InstanceId"], replaced);
        AssertOncePer(writes.Where(w => w["LifecycleHookName"] == "windowsnode-launch"), "CompleteLifecycleAction", w => w["InstanceId"], replaced);

        var evictions = writes.Where(w => w.Verb == "POST" && w.Path.EndsWith("/eviction", StringComparison.Ordinal)).ToList();
        var twice = evictions.Where(w => w.Succeeded).GroupBy(w => w.Path).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"evicted twice: {string.Join(", ", twice)}");
        return (evictions.Count(w => w.Succeeded), evictions.Count(w => w.Status == 429));
    }

    /// <summary>The successful <paramref name="action"/> writes: each <paramref name="key"/> once, <paramref name="expected"/> keys in all.</summary>
    private static void AssertOncePer(IEnumerable<SandboxWrite> writes, string action, Func<SandboxWrite, string?> key, int expected)
    {
        var done = writes.Where(w => w.Verb == action && w.Succeeded).ToList();
        var repeated = done.GroupBy(key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{action} done twice for {string.Join(", ", repeated)}");
        Assert.True(done.Count == expected, $"{action}: {done.Count} done, {expected} expected:\n{string.Join('\n', done)}");
    }

    [GeneratedRegex(@"Lowest PodDisruptionBudget headroom: (-?\d+)")]
    private static partial Regex HeadroomLine();
}
