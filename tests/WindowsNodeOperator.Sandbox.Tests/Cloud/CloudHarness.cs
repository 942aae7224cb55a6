using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>A simulated account with one group of instances already booted, and a stand-in operator that answers lifecycle hooks.</summary>
internal sealed class CloudHarness
{
    public const string Group = "eks-windows-a";
    public const string LaunchHook = "node-ready";
    public const string TerminateHook = "node-drain";

    public CloudHarness(SimulatedCloudOptions? options = null)
    {
        Cloud = new SimulatedCloud(Time, options ?? new SimulatedCloudOptions(), Nodes);
        OldImage = Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.10.14", "windows").ImageId;
        NewImage = Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.11", "windows").ImageId;
        Template = Cloud.Ec2.CreateLaunchTemplate("eks-windows-a-nodes", OldImage, "m5.xlarge");
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public RecordingNodeRegistry Nodes { get; } = new();

    public SimulatedCloud Cloud { get; }

    public string OldImage { get; }

    public string NewImage { get; }

    public LaunchTemplateInfo Template { get; }

    /// <summary>How long the stand-in operator drains a node before it lets termination continue.</summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(60);

    public bool AnswerLaunchHook { get; set; } = true;

    public bool AnswerTerminateHook { get; set; } = true;

    public LaunchTemplateSpecification Version(int n) => new(Template.LaunchTemplateId, null, n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Creates the group on version 1 (or through <paramref name="mixed"/>, a mixed instances policy), lets its instances boot,
    /// then adds the hooks (so they apply from now on).
    /// </summary>
    public void CreateGroup(
        int size, bool hooks = true, int warmup = 120, int heartbeat = 600, string launchDefault = LifecycleHooks.Abandon, MixedInstancesPolicy? mixed = null)
    {
        Cloud.AutoScaling.CreateAutoScalingGroup(new CreateAutoScalingGroupRequest(Group, mixed is null ? Version(1) : null, 0, size * 2, size, ["us-west-2a", "us-west-2b", "us-west-2c"])
        {
            MixedInstancesPolicy = mixed,
            DefaultInstanceWarmup = warmup,
        });
        Advance(TimeSpan.FromMinutes(10));
        if (hooks)
        {
            Cloud.AutoScaling.PutLifecycleHook(new LifecycleHookInfo(LaunchHook, Group, LifecycleHooks.Launching, heartbeat, launchDefault));
            Cloud.AutoScaling.PutLifecycleHook(new LifecycleHookInfo(TerminateHook, Group, LifecycleHooks.Terminating, heartbeat, LifecycleHooks.Continue));
        }

        Cloud.Calls.Reset();
    }

    public LaunchTemplateVersionInfo NewVersion(bool bad = false)
    {
        if (bad)
        {
            Cloud.Ec2.MarkImageBad(NewImage);
        }

        return Cloud.Ec2.CreateLaunchTemplateVersion(Version(1), "1", NewImage, "November AMI");
    }

    public AutoScalingGroupInfo Describe() => Cloud.AutoScaling.DescribeAutoScalingGroups(Group).Single();

    public InstanceRefreshInfo Refresh() => Cloud.AutoScaling.DescribeInstanceRefreshes(Group)[0];

    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Cloud.Step();
    }

    /// <summary>Ticks every 10 s, answering hooks as an operator would, until <paramref name="done"/> or the deadline.</summary>
    public void RunUntil(Func<bool> done, TimeSpan limit, Action<AutoScalingGroupInfo>? onTick = null)
    {
        var seen = new Dictionary<string, DateTimeOffset>();
        var deadline = Time.GetUtcNow() + limit;
        while (!done())
        {
            Assert.True(Time.GetUtcNow() < deadline, "The simulation did not get there in time.");
            Advance(TimeSpan.FromSeconds(10));
            var now = Time.GetUtcNow();
            var group = Describe();
            foreach (var instance in group.Instances)
            {
                if (instance.LifecycleState == LifecycleState.TerminatingWait && AnswerTerminateHook)
                {
                    var since = seen.TryGetValue(instance.InstanceId, out var first) ? first : seen[instance.InstanceId] = now;
                    if (now - since >= DrainTime)
                    {
                        Cloud.AutoScaling.CompleteLifecycleAction(Group, TerminateHook, LifecycleHooks.Continue, instance.InstanceId);
                    }
                }
                else if (instance.LifecycleState == LifecycleState.PendingWait && AnswerLaunchHook && Nodes.HasBooted(instance.InstanceId))
                {
                    var token = Cloud.AutoScaling.PendingLifecycleActionToken(instance.InstanceId, LaunchHook);
                    Cloud.AutoScaling.CompleteLifecycleAction(Group, LaunchHook, LifecycleHooks.Continue, token: token);
                }
            }

            onTick?.Invoke(Describe());
        }
    }

    public static bool IsOver(InstanceRefreshStatus status) =>
        status is InstanceRefreshStatus.Successful or InstanceRefreshStatus.Failed or InstanceRefreshStatus.Cancelled
            or InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.RollbackFailed;
}
