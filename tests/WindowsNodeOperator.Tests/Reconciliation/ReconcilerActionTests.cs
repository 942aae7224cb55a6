using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class ReconcilerActionTests
{
    [Fact]
    public async Task Drift_pins_a_new_template_version_then_starts_a_refresh_with_the_launch_hook_put_first()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        world.AddNode("n2", TimeSpan.FromDays(6), ReconcilerWorld.OldAmi);
        InstanceRefreshRequest? sent = null;
        world.AutoScaling.Setup(a => a.StartInstanceRefreshAsync(It.IsAny<InstanceRefreshRequest>(), It.IsAny<CancellationToken>()))
            .Callback((InstanceRefreshRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(RefreshStart.Started("refresh-9"));

        await world.ReconcileAsync();

        Assert.Equal(
            ["PutLifecycleHook:windowsnode-drain", "CreateLaunchTemplateVersion:ami-new", "PutLifecycleHook:windowsnode-launch", "PutLifecycleHook:windowsnode-drain"],
            world.Calls);
        Assert.NotNull(sent);
        Assert.Equal("2", sent!.DesiredLaunchTemplate.Version);
        Assert.True(sent.DesiredLaunchTemplate.IsExplicit);
        Assert.True(sent.Preferences.SkipMatching);
        Assert.True(sent.Preferences.AutoRollback);
        Assert.Equal((ScaleInProtectedInstances.Wait, StandbyInstances.Wait), (sent.Preferences.ScaleInProtectedInstances, sent.Preferences.StandbyInstances));
        var ledger = PolicyLedger.Read(world.Policy.Metadata.Annotations);
        Assert.Equal(ReconcilerWorld.NewAmi, ledger.Refreshes["refresh-9"].ImageId);
        Assert.Contains(ReconcilerWorld.Group, ledger.LaunchHooks);
        Assert.Equal([EventReasons.LaunchTemplateUpdated, EventReasons.InstanceRefreshStarted], world.Reasons().Where(r => r != EventReasons.AmiDrift));
        var reasons = world.Reasons().ToList();
        Assert.True(reasons.IndexOf(EventReasons.AmiDrift) is >= 0 and var drift && drift < reasons.IndexOf(EventReasons.LaunchTemplateUpdated), string.Join(", ", reasons));
    }

    [Fact]
    public async Task A_pinned_version_is_remembered_so_the_next_look_moves_on_to_the_refresh_instead_of_pinning_again()
    {
        var world = new ReconcilerWorld();
        world.Policy.Spec.AutoScalingGroups.Names = [ReconcilerWorld.Group, "win-b"];
        world.Groups["win-b"] = new AutoScalingGroup("win-b", 0, 10, 0, new LaunchTemplateRef("lt-2", "win-b", "1"), ReconcilerWorld.OwnedTags(), []);
        world.TemplateImages[("lt-2", "1")] = ReconcilerWorld.OldAmi;
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        world.AddNode("n2", TimeSpan.FromDays(6), ReconcilerWorld.OldAmi, group: "win-b");

        // One look pins both groups' templates and starts the first refresh; until a refresh applies them, the groups still
        // launch version 1, and the looks after must not pin again.
        await world.ReconcileAsync();
        Assert.Equal(2, world.Calls.Count(c => c.StartsWith("CreateLaunchTemplateVersion", StringComparison.Ordinal)));
        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        Assert.Equal(2, world.Calls.Count(c => c.StartsWith("CreateLaunchTemplateVersion", StringComparison.Ordinal)));
        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");
        Assert.Equal(2, world.Reasons().Count(r => r == EventReasons.LaunchTemplateUpdated));
        var ledger = PolicyLedger.Read(world.Policy.Metadata.Annotations);
        Assert.Equal(ReconcilerWorld.NewAmi, ledger.PinnedFor("win-b", "lt-2", "1")!.ImageId);
        Assert.Null(ledger.PinnedFor("win-b", "lt-2", "2"));
    }

    [Fact]
    public async Task A_refresh_already_in_progress_to_the_version_asked_for_is_our_lost_start_and_is_recorded()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group];
        world.AddNode("n1", TimeSpan.FromDays(5), "ami-older");
        world.AutoScaling.Setup(a => a.StartInstanceRefreshAsync(It.IsAny<InstanceRefreshRequest>(), It.IsAny<CancellationToken>()))
            .Callback<InstanceRefreshRequest, CancellationToken>((request, _) => world.Refreshes.Add(new InstanceRefresh(
                "refresh-lost", ReconcilerWorld.Group, InstanceRefreshStatus.InProgress, null, 10, 1, world.Time.GetUtcNow(), null, null, request.DesiredLaunchTemplate)))
            .ReturnsAsync(RefreshStart.AlreadyRunning);

        var result = await world.ReconcileAsync();

        Assert.True(PolicyLedger.Read(world.Policy.Metadata.Annotations).Started("refresh-lost"));
        Assert.Equal(PolicyReconciler.Poll, result.Requeue);
    }

    [Fact]
    public async Task A_refresh_already_in_progress_to_another_version_is_somebody_elses_and_is_left_alone_and_reported()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.AddNode("n1", TimeSpan.FromDays(5), "ami-older");
        world.AutoScaling.Setup(a => a.StartInstanceRefreshAsync(It.IsAny<InstanceRefreshRequest>(), It.IsAny<CancellationToken>()))
            .Callback<InstanceRefreshRequest, CancellationToken>((request, _) => world.Refreshes.Add(new InstanceRefresh(
                "refresh-by-hand", ReconcilerWorld.Group, InstanceRefreshStatus.InProgress, null, 10, 1, world.Time.GetUtcNow(), null, null,
                request.DesiredLaunchTemplate with { Version = "7" })))
            .ReturnsAsync(RefreshStart.AlreadyRunning);

        await world.ReconcileAsync();

        Assert.False(PolicyLedger.Read(world.Policy.Metadata.Annotations).Started("refresh-by-hand"));
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal("RefreshBlocked", degraded.Reason);
        Assert.Contains("instance refresh refresh-by-hand (InProgress) was not started by this operator", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("version 7, not", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_operator_picks_up_its_refresh_from_aws_and_the_ledger_and_starts_no_second_one()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);

        world.NewOperator();
        await world.ReconcileAsync();

        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");
        Assert.Equal("refresh-1", world.Status!.ActiveRefresh!.Id);
        Assert.Equal("True", world.Condition(WindowsNodePolicyConditions.Progressing).Status);
        Assert.Equal("RefreshInProgress", world.Condition(WindowsNodePolicyConditions.Progressing).Reason);
    }

    [Fact]
    public async Task A_successful_refresh_is_reported_once_and_its_launch_hook_deleted()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.Successful);
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group] with { LaunchTemplate = new LaunchTemplateRef("lt-1", "win", "2") };

        // The refresh replaced the node's instance with one on the new AMI (an instance's image never changes).
        var replaced = world.Records.Keys.Single();
        world.Records.Remove(replaced);
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group] with
        {
            Instances = [.. world.Groups[ReconcilerWorld.Group].Instances.Where(i => i.InstanceId != replaced)],
        };
        world.Nodes.Remove("n1");
        world.AddNode("n2", TimeSpan.FromMinutes(10));

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        Assert.Contains("DeleteLifecycleHook:windowsnode-launch", world.Calls);
        Assert.DoesNotContain((ReconcilerWorld.Group, LifecycleHooks.Launch), world.Hooks);
        Assert.Contains((ReconcilerWorld.Group, LifecycleHooks.Drain), world.Hooks);
        Assert.Single(world.Recorded, e => e.Reason == EventReasons.InstanceRefreshSucceeded);
        Assert.Equal("Successful", world.Status!.LastRefresh!.Status);
        Assert.Null(world.Status.ActiveRefresh);
        Assert.Equal("True", world.Condition(WindowsNodePolicyConditions.Ready).Status);
    }

    [Fact]
    public async Task A_budget_that_can_never_allow_an_eviction_stops_the_refresh_before_it_starts()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        world.AddPod("apps", "web-1", "n1", labels: labels);
        world.Budgets.Add(new DisruptionBudgetInfo("apps", "web-pdb", new PodSelector(labels, []), 0, AllHealthy: true));

        await world.ReconcileAsync();

        Assert.DoesNotContain("StartInstanceRefresh", world.Calls);
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(DegradedReasons.DrainWouldBlock, degraded.Reason);
        Assert.Contains("apps/web-pdb", degraded.Message, StringComparison.Ordinal);
        Assert.Contains(world.Recorded, e => e.Reason == EventReasons.DrainWouldBlock && e.Type == "Warning");
    }

    [Fact]
    public async Task A_do_not_disrupt_pod_keeps_its_node_and_only_the_pods_of_the_nodes_an_action_would_take_are_read()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.AddNode("old", TimeSpan.FromDays(50));
        var other = world.AddNode("older", TimeSpan.FromDays(60));
        world.AddNode("young", TimeSpan.FromDays(1));
        world.AddPod("apps", "batch-1", "older", annotations: new Dictionary<string, string> { ["windowsnode.io/do-not-disrupt"] = "true" });

        await world.ReconcileAsync();

        Assert.DoesNotContain("Terminate:" + other, world.Calls);
        Assert.Contains("Cordon:old", world.Calls);
        Assert.Equal(["older", "old"], world.PodListings);
    }

    [Fact]
    public async Task An_expired_node_on_the_target_is_cordoned_and_terminated_without_lowering_capacity()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        var id = world.AddNode("old", TimeSpan.FromDays(50));
        world.AddNode("young", TimeSpan.FromDays(1));

        await world.ReconcileAsync();

        Assert.Equal(["PutLifecycleHook:windowsnode-drain", "Cordon:old", "Terminate:" + id], world.Calls);
        world.AutoScaling.Verify(a => a.TerminateInstanceInGroupAsync(id, false, It.IsAny<CancellationToken>()));
        Assert.Contains(world.Recorded, e => e.Reason == EventReasons.NodeCordoned && e.Name == "old");
    }

    [Fact]
    public async Task A_node_left_cordoned_by_a_crash_before_its_termination_is_terminated_on_the_next_look()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        var id = world.AddNode("old", TimeSpan.FromDays(50));
        world.Cordon("old", world.Policy.Metadata.Name);

        world.NewOperator();
        await world.ReconcileAsync();

        Assert.Single(world.Calls, c => c == "Terminate:" + id);
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_says_what_it_would_do()
    {
        var world = new ReconcilerWorld();
        world.Spec.Disruption.DryRun = true;
        world.AddNode("n1", TimeSpan.FromDays(50), ReconcilerWorld.OldAmi);

        await world.ReconcileAsync();

        Assert.Empty(world.Calls);
        var ready = world.Condition(WindowsNodePolicyConditions.Ready);
        Assert.Equal("DryRun", ready.Reason);
        Assert.Contains("would", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_cancels_the_operators_refresh_and_starts_nothing()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        world.Spec.Disruption.Paused = true;
        world.Calls.Clear();

        await world.ReconcileAsync();

        Assert.Equal(["CancelInstanceRefresh:" + ReconcilerWorld.Group], world.Calls);
    }

    [Fact]
    public async Task An_eks_managed_node_group_gets_no_hook_and_no_refresh()
    {
        var world = new ReconcilerWorld();
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group] with
        {
            Tags = new Dictionary<string, string>(ReconcilerWorld.OwnedTags()) { ["eks:nodegroup-name"] = "windows-ng" },
        };
        world.AddNode("n1", TimeSpan.FromDays(50), ReconcilerWorld.OldAmi);

        await world.ReconcileAsync();

        Assert.Empty(world.Calls);
        Assert.Equal(DegradedReasons.ManagedNodeGroup, world.Condition(WindowsNodePolicyConditions.Degraded).Reason);
    }
}
