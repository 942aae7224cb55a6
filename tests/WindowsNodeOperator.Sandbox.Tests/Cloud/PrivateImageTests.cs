using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>
/// An AMI made private by its owner, as EKS withdraws old Windows AMIs: the account no longer sees it, a group launching it
/// cannot scale out (each launch a Failed activity, tried again later), and its running instances run on.
/// </summary>
public sealed class PrivateImageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_private_image_is_not_described_and_a_group_on_it_cannot_replace_a_lost_instance()
    {
        var time = new FakeTimeProvider(Start);
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time }, new FleetOptions());
        var cloud = cluster.Cloud;
        var image = FleetPlan.MonthlyWindowsAmis[^1];
        var group = Assert.Single(cloud.AutoScaling.DescribeAutoScalingGroups("eks-windows-a"));
        var running = cloud.Ec2.DescribeInstances(group.Instances.Select(i => i.InstanceId).ToList());

        cloud.Ec2.WithdrawImage(image);

        // 1. Not seen: absent from a listing, and asked for by id the call fails as for an id that does not exist.
        Assert.DoesNotContain(cloud.Ec2.DescribeImages(), i => i.ImageId == image);
        var error = Assert.Throws<SimulatedAwsException>(() => cloud.Ec2.DescribeImages([image]));
        Assert.Equal("InvalidAMIID.NotFound", error.ErrorCode);

        // 2. An instance lost: the group cannot launch its replacement; each try is a Failed activity, spaced out.
        var lost = running.First(i => i.ImageId == image);
        cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(lost.InstanceId, shouldDecrementDesiredCapacity: false);
        for (var second = 0; second < 600; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            cloud.Step();
        }

        var failed = cloud.AutoScaling.DescribeScalingActivities("eks-windows-a").Where(a => a.StatusCode == "Failed").ToList();
        Assert.InRange(failed.Count, 2, 6);
        Assert.All(failed, a => Assert.Equal($"Not authorized for images: [{image}]. Launching EC2 instance failed.", a.StatusMessage));
        var members = Assert.Single(cloud.AutoScaling.DescribeAutoScalingGroups("eks-windows-a")).Instances;
        Assert.Equal(5, members.Count);
        Assert.All(members, m => Assert.Contains(running, r => r.InstanceId == m.InstanceId));

        // 3. The instances already running from it run on.
        Assert.All(cloud.Ec2.DescribeInstances(members.Select(m => m.InstanceId).ToList()), i => Assert.Equal(WindowsNodeOperator.Sandbox.Cloud.Ec2.Ec2InstanceState.Running, i.State));
    }

    [Fact]
    public async Task A_fleet_makes_its_AMIs_private_the_days_it_says_after_their_release()
    {
        var time = new FakeTimeProvider(Start);
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-private-ami.json"));
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time }, fleet);

        // The seeded AMIs came out 31, 61 and 91 days ago: all past the fleet's days, none seen, the groups' own included.
        var seen = cluster.Cloud.Ec2.DescribeImages().Select(i => i.ImageId).ToHashSet(StringComparer.Ordinal);
        Assert.All(FleetPlan.MonthlyWindowsAmis, ami => Assert.DoesNotContain(ami, seen));
        Assert.Contains(FleetPlan.LinuxAmi, seen);
    }
}
