using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class ReconcilerHookTests
{
    private static async Task<ReconcilerWorld> HookedAsync(Action<ReconcilerWorld> arrange)
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        arrange(world);
        world.Policy.Metadata.Annotations = new Dictionary<string, string>
        {
            [PolicyLedger.AnnotationKey] = PolicyLedger.Empty.WithDrainHook(ReconcilerWorld.Group, true).Write(),
        };
        await Task.CompletedTask;
        return world;
    }

    [Fact]
    public async Task A_terminating_instance_is_cordoned_drained_and_let_go_with_continue_one_step_a_look()
    {
        string id = string.Empty;
        var world = await HookedAsync(w => id = w.AddNode("n1", TimeSpan.FromDays(3), state: "Terminating:Wait"));

        var result = await world.ReconcileAsync();

        Assert.Contains("Cordon:n1", world.Calls);
        Assert.Contains($"Complete:windowsnode-drain:{id}:Continue", world.Calls);
        Assert.Contains(world.Recorded, e => e.Reason == EventReasons.NodeDrained && e.Kind == "Node");
        var reasons = world.Recorded.Where(e => e.Kind == "Node").Select(e => e.Reason).ToList();
        Assert.True(reasons.IndexOf(EventReasons.NodeCordoned) is >= 0 and var cordoned && cordoned < reasons.IndexOf(EventReasons.NodeDrained), string.Join(", ", reasons));
        Assert.Equal(PolicyReconciler.Poll, result.Requeue);
    }

    [Fact]
    public async Task A_completion_AWS_answers_with_no_active_action_is_done_not_a_failure()
    {
        string id = string.Empty;
        var world = await HookedAsync(w => id = w.AddNode("n1", TimeSpan.FromDays(3), state: "Terminating:Wait"));
        world.Completed.Add(id);

        var result = await world.ReconcileAsync();

        Assert.NotNull(result.Requeue);
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Complete:", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Recorded, e => e.Reason == EventReasons.NodeDrained);
    }

    [Fact]
    public async Task Beyond_the_budget_a_terminating_instance_is_only_heartbeated()
    {
        string first = string.Empty, second = string.Empty;
        var world = await HookedAsync(w =>
        {
            first = w.AddNode("n1", TimeSpan.FromDays(9), state: "Terminating:Wait");
            second = w.AddNode("n2", TimeSpan.FromDays(3), state: "Terminating:Wait");
        });
        world.Cordon("n1", world.Policy.Metadata.Name);

        await world.ReconcileAsync();

        Assert.DoesNotContain("Cordon:n2", world.Calls);
        Assert.Contains("Heartbeat:" + second, world.Calls);
        Assert.Contains($"Complete:windowsnode-drain:{first}:Continue", world.Calls);
        Assert.DoesNotContain($"Complete:windowsnode-drain:{second}:Continue", world.Calls);
    }

    [Fact]
    public async Task A_node_of_an_AMI_held_as_failed_is_drained_without_room_in_the_budget_since_it_never_served()
    {
        const string Bad = "ami-0badbadbadbadbad0";
        string broken = string.Empty;
        var world = await HookedAsync(w =>
        {
            w.AddNode("n1", TimeSpan.FromDays(9));
            broken = w.AddNode("n-bad", TimeSpan.FromMinutes(40), image: Bad, state: "Terminating:Wait");
        });
        world.Cordon("n1", world.Policy.Metadata.Name);
        world.Policy.Metadata.Annotations[PolicyLedger.AnnotationKey] = PolicyLedger.Empty
            .WithDrainHook(ReconcilerWorld.Group, true)
            .WithFailedAmi(new LedgerFailedAmi(Bad, ReconcilerWorld.Group, "r-1", "1 pod(s) on 1 new node(s) not Ready", ReconcilerWorld.T0))
            .Write();

        await world.ReconcileAsync();

        Assert.Contains("Cordon:n-bad", world.Calls);
        Assert.Contains($"Complete:windowsnode-drain:{broken}:Continue", world.Calls);
    }

    [Fact]
    public async Task Heartbeats_go_at_half_the_hook_timeout_counted_from_the_time_on_the_node_even_across_a_restart()
    {
        string second = string.Empty;
        var world = await HookedAsync(w =>
        {
            w.AddNode("n1", TimeSpan.FromDays(9));
            second = w.AddNode("n2", TimeSpan.FromDays(3), state: "Terminating:Wait");
        });
        world.Cordon("n1", world.Policy.Metadata.Name);

        await world.ReconcileAsync();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        world.NewOperator();
        await world.ReconcileAsync();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.ReconcileAsync();
        Assert.Single(world.Calls, c => c == "Heartbeat:" + second);

        world.Time.Advance(TimeSpan.FromSeconds(30));
        world.NewOperator();
        await world.ReconcileAsync();

        Assert.Equal(2, world.Calls.Count(c => c == "Heartbeat:" + second));
        var node = world.Nodes.List().Single(n => n.Metadata.Name == "n2");
        Assert.Equal(OperatorAnnotations.FormatTime(world.Time.GetUtcNow()), node.Metadata.Annotations[OperatorAnnotations.HeartbeatAt]);
    }

    [Fact]
    public async Task A_terminating_instance_whose_node_never_registered_continues_at_once()
    {
        string id = string.Empty;
        var world = await HookedAsync(w => id = w.AddNode("ghost", TimeSpan.FromMinutes(10), state: "Terminating:Wait", withNode: false));

        await world.ReconcileAsync();

        Assert.Contains($"Complete:windowsnode-drain:{id}:Continue", world.Calls);
    }

    [Fact]
    public async Task A_new_instance_of_our_refresh_continues_only_once_its_node_and_the_pods_of_its_daemonsets_are_Ready()
    {
        var world = new ReconcilerWorld();
        world.AddWindowsDaemonSet("monitoring", "windows-exporter");
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        var fresh = world.AddNode("n-new", TimeSpan.FromMinutes(5), ReconcilerWorld.NewAmi, state: "Pending:Wait");

        // 1. Ready, but the DaemonSet has no pod there yet.
        await world.ReconcileAsync();
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Complete:windowsnode-launch", StringComparison.Ordinal));

        // 2. Its pod is there but not Ready.
        world.AddPod("monitoring", "windows-exporter-x", "n-new", ready: false, daemonSet: "windows-exporter");
        await world.ReconcileAsync();
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Complete:windowsnode-launch", StringComparison.Ordinal));

        world.AddPod("monitoring", "windows-exporter-x", "n-new", ready: true, daemonSet: "windows-exporter");
        await world.ReconcileAsync();

        Assert.Contains($"Complete:windowsnode-launch:{fresh}:Continue", world.Calls);
    }

    [Fact]
    public async Task On_a_cluster_with_no_windows_daemonset_a_new_instance_continues_once_its_node_is_Ready()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        var fresh = world.AddNode("n-new", TimeSpan.FromMinutes(5), ReconcilerWorld.NewAmi, state: "Pending:Wait");

        await world.ReconcileAsync();

        Assert.Contains($"Complete:windowsnode-launch:{fresh}:Continue", world.Calls);
    }

    [Fact]
    public async Task A_new_instance_with_no_node_is_left_for_the_hook_timeout_to_abandon()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        world.AddNode("n-bad", TimeSpan.FromMinutes(5), ReconcilerWorld.NewAmi, state: "Pending:Wait", withNode: false);

        var result = await world.ReconcileAsync();

        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Complete", StringComparison.Ordinal));
        Assert.Equal(PolicyReconciler.Poll, result.Requeue);
    }

    [Fact]
    public async Task Deleting_the_policy_cancels_our_refresh_uncordons_and_removes_hooks_and_the_finalizer_once_the_refresh_ended()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        world.AddNode("n2", TimeSpan.FromDays(6), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        world.Cordon("n2", world.Policy.Metadata.Name);
        world.Policy.Metadata.DeletionTimestamp = world.Time.GetUtcNow().UtcDateTime;
        world.Calls.Clear();

        // 1. Cancelled, but a refresh ending may still take instances through the hooks: they stay, and so does the finalizer.
        var first = await world.ReconcileAsync();

        Assert.Equal(["CancelInstanceRefresh:win-a", "Uncordon:n2"], world.Calls);
        Assert.Equal(PolicyReconciler.Poll, first.Requeue);
        Assert.Contains(PolicyCleanup.Finalizer, world.Policy.Metadata.Finalizers!);
        Assert.Contains("being deleted", world.Condition(WindowsNodePolicyConditions.Ready).Message, StringComparison.Ordinal);

        // 2. Ended: nothing waits on the hooks, they go, then the finalizer.
        world.SetRefresh("refresh-1", InstanceRefreshStatus.Cancelled);
        world.Calls.Clear();
        var second = await world.ReconcileAsync();

        Assert.Equal(["Uncordon:n2", "DeleteLifecycleHook:windowsnode-launch", "DeleteLifecycleHook:windowsnode-drain"], world.Calls);
        Assert.Null(second.Requeue);
        Assert.DoesNotContain(PolicyCleanup.Finalizer, world.Policy.Metadata.Finalizers!);
        Assert.Empty(world.Hooks);
    }

    [Fact]
    public async Task Deleting_the_policy_keeps_the_drain_hook_and_the_finalizer_while_a_termination_waits_on_it_and_drains_it_within_its_budget()
    {
        string id = string.Empty;
        var world = await HookedAsync(w => id = w.AddNode("n1", TimeSpan.FromDays(3), state: "Terminating:Wait"));
        world.Hooks.Add((ReconcilerWorld.Group, LifecycleHooks.Drain));
        world.AddPod("apps", "web-1", "n1");
        var blocked = true;
        world.PodClient.Setup(p => p.EvictPodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PodKey pod, TimeSpan? _, CancellationToken _) =>
            {
                if (blocked)
                {
                    return new EvictionResult(EvictionOutcome.Blocked, "web-pdb", 429);
                }

                world.Calls.Add("Evict:" + pod.Name);
                world.Pods.Remove(pod.ToString());
                return EvictionResult.Evicted;
            });
        world.Policy.Metadata.Finalizers = [PolicyCleanup.Finalizer];
        world.Policy.Metadata.DeletionTimestamp = world.Time.GetUtcNow().UtcDateTime;

        // 1. The budget holds the pod: the node is cordoned and the action heartbeated, never completed; the hook stays.
        for (var look = 0; look < 3; look++)
        {
            var result = await world.ReconcileAsync();
            Assert.Equal(PolicyReconciler.Poll, result.Requeue);
            world.Time.Advance(TimeSpan.FromMinutes(3));
        }

        Assert.Contains("Cordon:n1", world.Calls);
        Assert.Contains("Heartbeat:" + id, world.Calls);
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Complete:", StringComparison.Ordinal) || c.StartsWith("DeleteLifecycleHook", StringComparison.Ordinal));
        Assert.Contains(PolicyCleanup.Finalizer, world.Policy.Metadata.Finalizers!);
        Assert.Contains((ReconcilerWorld.Group, LifecycleHooks.Drain), world.Hooks);
        Assert.Equal("Draining", world.Condition(WindowsNodePolicyConditions.Progressing).Reason);

        // 2. The budget allows it: evicted, the node empty, the termination let go; AWS still shows it waiting this look.
        blocked = false;
        await world.ReconcileAsync();
        await world.ReconcileAsync();
        Assert.Contains($"Complete:windowsnode-drain:{id}:Continue", world.Calls);
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("DeleteLifecycleHook", StringComparison.Ordinal));

        // 3. Gone from Terminating:Wait: the hook goes, then the finalizer.
        world.SetState(id, "Terminating:Proceed");
        var last = await world.ReconcileAsync();

        Assert.Null(last.Requeue);
        Assert.True(world.Calls.IndexOf("Evict:web-1") < world.Calls.IndexOf($"Complete:windowsnode-drain:{id}:Continue"), string.Join(", ", world.Calls));
        Assert.True(world.Calls.IndexOf($"Complete:windowsnode-drain:{id}:Continue") < world.Calls.IndexOf("DeleteLifecycleHook:windowsnode-drain"), string.Join(", ", world.Calls));
        Assert.DoesNotContain(PolicyCleanup.Finalizer, world.Policy.Metadata.Finalizers!);
        Assert.Empty(world.Hooks);
    }

    [Fact]
    public async Task A_finished_refresh_keeps_its_launch_hook_while_a_launch_waits_on_it_and_the_gate_lets_that_launch_go_first()
    {
        var world = new ReconcilerWorld();
        world.AddWindowsDaemonSet("monitoring", "windows-exporter");
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.Successful);
        var fresh = world.AddNode("n-new", TimeSpan.FromMinutes(5), ReconcilerWorld.NewAmi, state: "Pending:Wait");

        // 1. Its node is not ready for work yet: deleting the hook now would abandon it.
        var held = await world.ReconcileAsync();

        Assert.DoesNotContain("DeleteLifecycleHook:windowsnode-launch", world.Calls);
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Complete:windowsnode-launch", StringComparison.Ordinal));
        Assert.Equal(PolicyReconciler.Poll, held.Requeue);

        // 2. Ready: the gate lets it go, and the hook goes once AWS shows it launched.
        world.AddPod("monitoring", "windows-exporter-x", "n-new", ready: true, daemonSet: "windows-exporter");
        var released = await world.ReconcileAsync();
        Assert.Contains($"Complete:windowsnode-launch:{fresh}:Continue", world.Calls);
        Assert.DoesNotContain("DeleteLifecycleHook:windowsnode-launch", world.Calls);
        Assert.Equal(PolicyReconciler.Poll, released.Requeue);

        world.SetState(fresh, "InService");
        await world.ReconcileAsync();

        Assert.Contains("DeleteLifecycleHook:windowsnode-launch", world.Calls);
        Assert.DoesNotContain((ReconcilerWorld.Group, LifecycleHooks.Launch), world.Hooks);
    }
}
