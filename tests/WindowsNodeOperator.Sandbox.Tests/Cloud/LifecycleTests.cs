using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class LifecycleTests
{
    private readonly CloudHarness _h = new();

    [Fact]
    public void A_heartbeat_restarts_the_launch_hook_timeout()
    {
        _h.CreateGroup(1, heartbeat: 300);
        _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2);
        var waiting = _h.Describe().Instances.Single(i => i.LifecycleState == LifecycleState.PendingWait).InstanceId;

        _h.Advance(TimeSpan.FromSeconds(200));
        _h.Cloud.AutoScaling.RecordLifecycleActionHeartbeat(CloudHarness.Group, CloudHarness.LaunchHook, waiting);
        _h.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(LifecycleState.PendingWait, State(waiting));

        _h.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(LifecycleState.PendingWait, State(waiting));
        Assert.Contains(_h.Cloud.Timeline(), e => e.Subject == waiting && e.What == $"{CloudHarness.LaunchHook} completed with ABANDON"
            && e.Time == _h.Time.GetUtcNow());
    }

    [Fact]
    public void Completing_by_token_continues_the_launch_and_a_second_completion_is_refused()
    {
        _h.CreateGroup(1);
        _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2);
        var waiting = _h.Describe().Instances.Single(i => i.LifecycleState == LifecycleState.PendingWait).InstanceId;
        var token = _h.Cloud.AutoScaling.PendingLifecycleActionToken(waiting, CloudHarness.LaunchHook);
        _h.Advance(TimeSpan.FromSeconds(30));

        _h.Cloud.AutoScaling.CompleteLifecycleAction(CloudHarness.Group, CloudHarness.LaunchHook, LifecycleHooks.Continue, token: token);

        Assert.Equal(LifecycleState.InService, State(waiting));
        var error = Assert.Throws<SimulatedAwsException>(() =>
            _h.Cloud.AutoScaling.CompleteLifecycleAction(CloudHarness.Group, CloudHarness.LaunchHook, LifecycleHooks.Continue, waiting));
        Assert.Equal(("ValidationError", 400), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public void Deleting_the_launch_hook_abandons_the_launches_waiting_on_it()
    {
        _h.CreateGroup(1);
        var first = _h.Describe().Instances.Single().InstanceId;
        _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2);
        var waiting = _h.Describe().Instances.Single(i => i.LifecycleState == LifecycleState.PendingWait).InstanceId;
        _h.Advance(TimeSpan.FromSeconds(30));

        _h.Cloud.AutoScaling.DeleteLifecycleHook(CloudHarness.Group, CloudHarness.LaunchHook);

        // Abandoned at once, not at the hook's timeout: it leaves through the termination hook, which stays.
        var now = _h.Time.GetUtcNow();
        Assert.Equal(LifecycleState.TerminatingWait, State(waiting));
        Assert.Contains(_h.Cloud.Timeline(), e => e.Subject == waiting && e.What == $"{CloudHarness.LaunchHook} deleted while its action waited" && e.Time == now);
        Assert.Contains(_h.Cloud.Timeline(), e => e.Subject == waiting && e.What == $"{CloudHarness.LaunchHook} completed with ABANDON" && e.Time == now);
        Assert.Equal([CloudHarness.TerminateHook], _h.Cloud.AutoScaling.DescribeLifecycleHooks(CloudHarness.Group).Select(h => h.LifecycleHookName));
        Assert.Null(_h.Cloud.AutoScaling.PendingLifecycleActionToken(waiting, CloudHarness.LaunchHook));

        // Its replacement launches with no launch hook to wait on.
        _h.Advance(TimeSpan.FromMinutes(1));
        var replacement = Assert.Single(_h.Describe().Instances, i => i.InstanceId != first && i.InstanceId != waiting);
        Assert.Equal(LifecycleState.InService, replacement.LifecycleState);
        Assert.DoesNotContain(_h.Cloud.Timeline(), e => e.Subject == replacement.InstanceId && e.What == "Pending:Wait");
    }

    [Fact]
    public void Deleting_the_termination_hook_continues_the_terminations_waiting_on_it_and_no_other_action()
    {
        _h.CreateGroup(2);
        var victim = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: false);
        var launching = _h.Describe().Instances.Single(i => i.LifecycleState == LifecycleState.PendingWait).InstanceId;
        Assert.Equal(LifecycleState.TerminatingWait, State(victim));

        _h.Cloud.AutoScaling.DeleteLifecycleHook(CloudHarness.Group, CloudHarness.TerminateHook);

        var now = _h.Time.GetUtcNow();
        Assert.Equal(LifecycleState.TerminatingProceed, State(victim));
        Assert.Contains(_h.Cloud.Timeline(), e => e.Subject == victim && e.What == $"{CloudHarness.TerminateHook} deleted while its action waited" && e.Time == now);
        Assert.Contains(_h.Cloud.Timeline(), e => e.Subject == victim && e.What == $"{CloudHarness.TerminateHook} completed with CONTINUE" && e.Time == now);

        // The replacement's wait is on the launch hook, which stays: it is not touched.
        Assert.Equal(LifecycleState.PendingWait, State(launching));
        Assert.NotNull(_h.Cloud.AutoScaling.PendingLifecycleActionToken(launching, CloudHarness.LaunchHook));
        _h.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Ec2InstanceState.Terminated, _h.Cloud.Ec2.DescribeInstances([victim])[0].State);
    }

    [Fact]
    public void A_termination_waiting_on_two_hooks_goes_on_only_once_the_other_hook_is_done_too()
    {
        _h.CreateGroup(2);
        _h.Cloud.AutoScaling.PutLifecycleHook(new LifecycleHookInfo("log-upload", CloudHarness.Group, LifecycleHooks.Terminating, 600, LifecycleHooks.Continue));
        var victim = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: true);

        _h.Cloud.AutoScaling.DeleteLifecycleHook(CloudHarness.Group, CloudHarness.TerminateHook);

        Assert.Equal(LifecycleState.TerminatingWait, State(victim));
        Assert.Null(_h.Cloud.AutoScaling.PendingLifecycleActionToken(victim, CloudHarness.TerminateHook));
        _h.Cloud.AutoScaling.CompleteLifecycleAction(CloudHarness.Group, "log-upload", LifecycleHooks.Continue, victim);
        Assert.Equal(LifecycleState.TerminatingProceed, State(victim));
    }

    [Fact]
    public void Terminate_without_decrement_launches_a_replacement()
    {
        _h.CreateGroup(3, hooks: false);
        var victim = _h.Describe().Instances[0].InstanceId;

        _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: false);

        var group = _h.Describe();
        Assert.Equal(3, group.DesiredCapacity);
        Assert.Equal(4, group.Instances.Count);
        Assert.Equal(LifecycleState.TerminatingProceed, group.Instances.Single(i => i.InstanceId == victim).LifecycleState);
        Assert.Single(group.Instances, i => i.LifecycleState == LifecycleState.Pending);
        _h.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, _h.Describe().Instances.Count(i => i.LifecycleState == LifecycleState.InService));
        Assert.Equal(Ec2InstanceState.Terminated, _h.Cloud.Ec2.DescribeInstances([victim])[0].State);
    }

    [Fact]
    public void Terminate_with_decrement_lowers_desired_capacity_and_respects_min_size()
    {
        _h.CreateGroup(2, hooks: true);
        var victim = _h.Describe().Instances[0].InstanceId;

        _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: true);

        var group = _h.Describe();
        Assert.Equal(1, group.DesiredCapacity);
        Assert.Equal(LifecycleState.TerminatingWait, group.Instances.Single(i => i.InstanceId == victim).LifecycleState);
        Assert.Equal(2, group.Instances.Count);

        _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, minSize: 1);
        var other = group.Instances.Single(i => i.InstanceId != victim).InstanceId;
        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(other, shouldDecrementDesiredCapacity: true));
        Assert.Contains("min size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminated_registered_instances_are_reported_to_the_node_registry()
    {
        _h.CreateGroup(2, hooks: false);
        Assert.Equal(2, _h.Nodes.Booted.Count);
        var victim = _h.Describe().Instances[0].InstanceId;

        _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: true);
        _h.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(victim, Assert.Single(_h.Nodes.Terminated).InstanceId);
    }

    [Fact]
    public void Stop_and_start_move_the_launch_time_but_not_the_network_interface_attach_time()
    {
        _h.CreateGroup(1, hooks: false);
        var id = _h.Describe().Instances[0].InstanceId;
        var before = _h.Cloud.Ec2.DescribeInstances([id])[0];

        _h.Cloud.Ec2.StopInstances(id);
        _h.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Ec2InstanceState.Stopped, _h.Cloud.Ec2.DescribeInstances([id])[0].State);
        _h.Cloud.Ec2.StartInstances(id);
        var restarted = _h.Time.GetUtcNow();
        _h.Advance(TimeSpan.FromMinutes(1));

        var after = _h.Cloud.Ec2.DescribeInstances([id])[0];
        Assert.Equal(Ec2InstanceState.Running, after.State);
        Assert.Equal(restarted, after.LaunchTime);
        Assert.Equal(before.LaunchTime, after.NetworkInterfaceAttachTime);
        Assert.Equal(before.NetworkInterfaceAttachTime, after.NetworkInterfaceAttachTime);
        Assert.Equal(before.PrivateIpAddress, after.PrivateIpAddress);
    }

    [Fact]
    public void Instances_carry_the_group_and_launch_template_tags_and_a_dns_name_from_their_address()
    {
        _h.CreateGroup(1, hooks: false);

        var instance = _h.Cloud.Ec2.DescribeInstances().Single();

        Assert.Equal(CloudHarness.Group, instance.AutoScalingGroupName);
        Assert.Equal(_h.Template.LaunchTemplateId, instance.Tags["aws:ec2launchtemplate:id"]);
        Assert.Equal("1", instance.Tags["aws:ec2launchtemplate:version"]);
        Assert.Equal($"ip-{instance.PrivateIpAddress.Replace('.', '-')}.us-west-2.compute.internal", instance.PrivateDnsName);
        Assert.Equal(_h.OldImage, instance.ImageId);
    }

    private LifecycleState State(string id) => _h.Cloud.AutoScaling.DescribeAutoScalingInstances(id).Single().LifecycleState;
}
