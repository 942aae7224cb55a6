using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The rollout of <see cref="NewAmiRolloutTests"/> with the simulated account spoiling some of its answers on the wire
/// (<see cref="AnswerFault"/>): a body cut short, a value the model does not list, a field left out. Nothing is done from
/// what could not be read, the bad item is reported once, the loop goes on, and the rollout finishes once the answers
/// are whole again.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class MalformedAwsAnswerTests(ITestOutputHelper output)
{
    private const string Policy = "windows-default";
    private const string DescribeGroups = "autoscaling:DescribeAutoScalingGroups";

    [Fact]
    public async Task An_instance_in_an_unknown_lifecycle_state_is_counted_out_never_drained_and_reported_once()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = PublishSoakedAmi(world);
        var victim = world.Instances("eks-windows-a")[0].InstanceId;
        var node = FleetFacts.Name(world.Nodes("eks-windows-a").Single(n => FleetFacts.InstanceId(n) == victim));
        world.Cluster.Cloud.Faults.SetAnswer(DescribeGroups, AnswerFault.UnknownValue("LifecycleState", "Quiescing", victim));

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunForAsync(TimeSpan.FromHours(2));

        // 1. Counted out: with maxUnavailable 1 the budget is spent, so no refresh starts; the instance's node is not cordoned.
        var looks = world.AwsCalls.Calls.Count(c => c.Action == "DescribeAutoScalingGroups");
        output.WriteLine($"{looks} looks, {world.Cluster.Cloud.Faults.SpoiledAnswers(DescribeGroups)} answers spoiled, Ready: {world.Condition(Policy, "Ready")}");
        Assert.True(looks >= 10, $"only {looks} looks");
        Assert.DoesNotContain(world.AwsCalls.Calls, c => c.Action is "StartInstanceRefresh" or "TerminateInstanceInAutoScalingGroup" or "CompleteLifecycleAction");
        Assert.True(world.ConditionIs(Policy, "Ready", "False", "BudgetSpent"), $"Ready: {world.Condition(Policy, "Ready")}");
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason is "NodeCordoned" or "NodeDrained");
        Assert.False(FleetFacts.IsCordoned(world.Nodes("eks-windows-a").Single(n => FleetFacts.Name(n) == node)));

        // 2. Reported once, naming the instance, the field and the value, across all those looks.
        var report = Assert.Single(world.OperatorEvents, e => e.Reason == "MalformedAwsAnswer");
        Assert.Equal(("Warning", "WindowsNodePolicy/windows-default"), (report.Type, report.Regarding));
        Assert.Contains($"instance {victim} of group eks-windows-a with LifecycleState 'Quiescing'", report.Note, StringComparison.Ordinal);
        AssertNoSeries(world);
        Assert.Single(world.Logs.Lines, l => l.Contains("'Quiescing'", StringComparison.Ordinal));

        // 3. Whole again: the rollout finishes as without the fault.
        world.Cluster.Cloud.Faults.ClearAnswer(DescribeGroups);
        await RunToReadyAsync(world);
        RolloutFinished.Check(world, ami);
        Assert.Single(world.OperatorEvents, e => e.Reason == "MalformedAwsAnswer");
    }

    [Fact]
    public async Task A_truncated_group_answer_stops_every_action_until_it_clears_then_the_rollout_converges()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = PublishSoakedAmi(world);
        world.Cluster.Cloud.Faults.SetAnswer(DescribeGroups, AnswerFault.Truncate());

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunForAsync(TimeSpan.FromMinutes(30));

        // 1. Nothing done from a partial answer; the look failed, said in Degraded, and was retried with backoff.
        var looks = world.AwsCalls.Calls.Count(c => c.Action == "DescribeAutoScalingGroups");
        output.WriteLine($"{looks} looks in 30 minutes while the answer was cut; Degraded: {world.Condition(Policy, "Degraded")}");
        Assert.DoesNotContain(world.AwsCalls.Calls, c => c.IsWrite);
        Assert.True(looks is >= 3 and <= 40, $"{looks} looks in 30 minutes");
        Assert.True(world.ConditionIs(Policy, "Degraded", "True", "AwsAnswerMalformed"), $"Degraded: {world.Condition(Policy, "Degraded")}");
        Assert.Contains(DescribeGroups, world.Condition(Policy, "Degraded")!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason is "NodeCordoned" or "InstanceRefreshStarted");
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "MalformedAwsAnswer");

        // 2. Whole again: Degraded clears and the rollout finishes.
        world.Cluster.Cloud.Faults.ClearAnswer(DescribeGroups);
        await RunToReadyAsync(world);
        RolloutFinished.Check(world, ami);
        Assert.True(world.ConditionIs(Policy, "Degraded", "False"), $"Degraded: {world.Condition(Policy, "Degraded")}");
    }

    [Fact]
    public async Task An_expired_instance_whose_launch_time_is_missing_is_not_judged_and_the_rest_roll_out()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = PublishSoakedAmi(world);

        // The oldest managed instance: past maxNodeAge (45d), so it would be reported expired if its age were known.
        var oldest = OperatorInSandbox.ManagedGroups.SelectMany(g => world.Instances(g).Select(i => (Group: g, Instance: i)))
            .MinBy(x => x.Instance.NetworkInterfaceAttachTime);
        Assert.True(world.Time.GetUtcNow() - oldest.Instance.NetworkInterfaceAttachTime > TimeSpan.FromDays(45), "the seeded fleet has an expired instance");
        var victim = oldest.Instance.InstanceId;
        var node = FleetFacts.Name(world.Nodes(oldest.Group).Single(n => FleetFacts.InstanceId(n) == victim));
        world.Cluster.Cloud.Faults.SetAnswer("ec2:DescribeInstances", AnswerFault.DropField("launchTime", victim));

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunForAsync(TimeSpan.FromMinutes(5));

        // 1. The other nodes are due (expired, or not on the new AMI); the one EC2 could not date is not judged either way,
        //    and is reported once.
        var pending = (world.Policy(Policy)["status"]?["pendingReplacements"]?.AsArray() ?? []).Select(p => p!["node"]!.GetValue<string>()).ToList();
        output.WriteLine($"pending {pending.Count}; nodes {world.Policy(Policy)["status"]?["nodes"]?.ToJsonString()}");
        Assert.True(pending.Count >= 6, $"{pending.Count} pending");
        Assert.DoesNotContain(node, pending);
        Assert.Contains(world.OperatorEvents, e => e.Reason == "NodeExpired");
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "NodeExpired" && e.Note.Contains(node, StringComparison.Ordinal));
        var report = Assert.Single(world.OperatorEvents, e => e.Reason == "MalformedAwsAnswer");
        Assert.Contains($"instance {victim} of group {oldest.Group} without launchTime", report.Note, StringComparison.Ordinal);

        // 2. The group's refresh still replaces it (Auto Scaling's decision, drained through the hook as any other), and the
        //    rollout finishes with the fault on all along.
        await RunToReadyAsync(world);
        RolloutFinished.Check(world, ami);
        Assert.Single(world.OperatorEvents, e => e.Reason == "MalformedAwsAnswer");
        AssertNoSeries(world);
    }

    [Fact]
    public async Task A_refresh_in_an_unknown_status_blocks_another_and_is_reported_once()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = PublishSoakedAmi(world);
        world.Cluster.Cloud.Faults.SetAnswer("autoscaling:DescribeInstanceRefreshes", AnswerFault.UnknownValue("Status", "Paused"));

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        var refreshes = world.Cluster.Cloud.AutoScaling;
        await world.RunUntilAsync(
            () => OperatorInSandbox.ManagedGroups.Any(g => refreshes.DescribeInstanceRefreshes(g) is [{ Status: InstanceRefreshStatus.Successful }]),
            TimeSpan.FromHours(6),
            "the first refresh done in the account");
        await world.RunForAsync(TimeSpan.FromHours(1));

        // 1. The refresh ended in the account, but its status reads unknown: no other refresh is started, on its group or
        //    the next (one at a time), and it is reported once with its id and the value.
        var started = world.AwsCalls.Calls.Where(c => c.Action == "StartInstanceRefresh").ToList();
        var first = Assert.Single(started.Select(c => c.Parameters["AutoScalingGroupName"]).Distinct());
        Assert.Single(refreshes.DescribeInstanceRefreshes(first));
        Assert.All(OperatorInSandbox.ManagedGroups.Where(g => g != first), g => Assert.Empty(refreshes.DescribeInstanceRefreshes(g)));
        var id = refreshes.DescribeInstanceRefreshes(first).Single().InstanceRefreshId;
        var report = Assert.Single(world.OperatorEvents, e => e.Reason == "MalformedAwsAnswer");
        Assert.Contains($"refresh {id} of group {first} with Status 'Paused'", report.Note, StringComparison.Ordinal);
        AssertNoSeries(world);

        // 2. Read again as it is: the next group follows and the rollout finishes.
        world.Cluster.Cloud.Faults.ClearAnswer("autoscaling:DescribeInstanceRefreshes");
        await RunToReadyAsync(world);
        RolloutFinished.Check(world, ami);
    }

    private static string PublishSoakedAmi(OperatorInSandbox world)
    {
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        return ami;
    }

    private static async Task RunToReadyAsync(OperatorInSandbox world)
    {
        try
        {
            await world.RunUntilAsync(() => world.ConditionIs(Policy, "Ready", "True"), TimeSpan.FromHours(16), "policy Ready after the rollout");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }

    /// <summary>The report was made once, not folded into a series of repeats by the event recorder.</summary>
    private static void AssertNoSeries(OperatorInSandbox world)
    {
        var stored = world.Store.List("events.k8s.io/v1", "events", "default")
            .Where(e => e["reason"]?.GetValue<string>() == "MalformedAwsAnswer").ToList();
        var only = Assert.Single(stored);
        Assert.Null(only["series"] as JsonObject);
    }
}
