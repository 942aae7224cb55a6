using System.Globalization;
using Cronos;
using CsCheck;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>Invariants over random fleets and policies; each check recomputes what it needs from the snapshot itself.</summary>
public class PlannerPropertyTests
{
    private const long Iterations = 3000;

    /// <summary>The snapshots every invariant is checked over.</summary>
    private protected virtual Gen<FleetSnapshot> Snapshots => FleetGen.Snapshot;

    /// <summary>
    /// Whether a plan for an invalid spec is only checked to do nothing (the invariants' own helpers read the spec, and
    /// assume what FleetGen makes: numbers, valid crons and zones).
    /// </summary>
    private protected virtual bool InvalidSpecsApart => false;

    private void ForAll(Action<FleetSnapshot, Plan> invariant) =>
        Snapshots.Sample(
            snapshot =>
            {
                var plan = Planner.Plan(snapshot);
                if (InvalidSpecsApart && plan.Problems.Count > 0)
                {
                    Assert.Equal(WaitReason.InvalidSpec, Assert.IsType<Wait>(plan.Action).Reason);
                    Assert.Null(plan.DryRunAction);
                    Assert.Empty(plan.Nodes);
                    return;
                }

                invariant(snapshot, plan);
            },
            iter: Iterations,
            threads: 1,
            print: FleetGen.Print);

    private static bool Selected(WindowsNodePolicySpec spec, NodeFacts node) =>
        node.Labels.GetValueOrDefault("kubernetes.io/os") == "windows"
        && (spec.NodeSelector is null || node.Labels.GetValueOrDefault("pool") == spec.NodeSelector["pool"]);

    /// <summary>The groups the policy names that carry both ownership tags: the only ones it may act on.</summary>
    private static HashSet<string> PolicyGroups(FleetSnapshot s) =>
        s.Groups.Where(g => s.Policy.Spec.AutoScalingGroups.Names!.Contains(g.Name) && OwnershipTagged(g)).Select(g => g.Name).ToHashSet();

    /// <summary>The groups the policy names that lack an ownership tag.</summary>
    private static HashSet<string> NotOwnedGroups(FleetSnapshot s) =>
        s.Groups.Where(g => s.Policy.Spec.AutoScalingGroups.Names!.Contains(g.Name) && !OwnershipTagged(g)).Select(g => g.Name).ToHashSet();

    private static bool OwnershipTagged(GroupFacts g) =>
        g.Tags.GetValueOrDefault("windowsnode.io/managed") == "true" && g.Tags.GetValueOrDefault($"kubernetes.io/cluster/{FleetGen.ClusterName}") == "owned";

    private static int MaxUnavailable(FleetSnapshot s)
    {
        var selected = s.Nodes.Count(n => Selected(s.Policy.Spec, n));
        var text = s.Policy.Spec.Disruption.MaxUnavailable.ToString()!;
        return text.EndsWith('%')
            ? Math.Max(1, selected * int.Parse(text[..^1], CultureInfo.InvariantCulture) / 100)
            : int.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Distinct instances (or instance-less nodes) out now: cordoned by us, NotReady, or joining/leaving our groups.</summary>
    private static int OutNow(FleetSnapshot s)
    {
        var ours = PolicyGroups(s);
        var units = new HashSet<string>();
        foreach (var node in s.Nodes.Where(n => Selected(s.Policy.Spec, n)))
        {
            if (!node.Ready || node.Annotations.ContainsKey("windowsnode.io/cordoned-by"))
            {
                units.Add(node.InstanceId ?? "node:" + node.Name);
            }
        }

        foreach (var instance in s.Instances.Where(i => ours.Contains(i.Group)))
        {
            if (instance.LifecycleState is "Pending" or "Pending:Wait" or "Terminating" or "Terminating:Wait")
            {
                units.Add(instance.Id);
            }
        }

        return units.Count;
    }

    private static bool WindowOpen(FleetSnapshot s) =>
        (s.Policy.Spec.Disruption.MaintenanceWindows ?? []).Count == 0
        || s.Policy.Spec.Disruption.MaintenanceWindows!.Any(w =>
        {
            var cron = CronExpression.Parse(w.Schedule);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(w.TimeZone);
            var open = PolicyDuration.Parse(w.Duration).Value;
            return cron.GetOccurrences(s.Now - open, s.Now, zone, fromInclusive: false, toInclusive: true).Any();
        });

    private static IEnumerable<PlanAction> Acted(Plan plan) =>
        plan.DryRunAction is null ? [plan.Action] : [plan.Action, plan.DryRunAction];

    [Fact]
    public void Never_more_nodes_out_than_maxUnavailable()
    {
        ForAll((s, plan) =>
        {
            var room = MaxUnavailable(s) - OutNow(s);
            foreach (var action in Acted(plan))
            {
                switch (action)
                {
                    case ReplaceInstance { Reasons: var reasons } replace when reasons.HasFlag(ReplacementReasons.NotReady):
                        // Already out: only the others must fit.
                        Assert.False(s.Nodes.Single(n => n.Name == replace.Node).Ready, $"{replace} of a Ready node");
                        Assert.True(room >= 0, $"NotReady replacement with {room} left");
                        break;
                    case ReplaceInstance:
                        Assert.True(room >= 1, $"replacement with {room} left");
                        break;
                    case StartRefresh refresh:
                        var size = s.Groups.Single(g => g.Name == refresh.Group).DesiredCapacity;
                        Assert.True(RefreshBudget.Reservation(size, refresh.Preferences.MinHealthyPercentage) <= room,
                            $"refresh of {size} at {refresh.Preferences.MinHealthyPercentage}% with {room} left");
                        break;
                }
            }
        });
    }

    [Fact]
    public void Never_an_action_outside_the_selector_or_the_groups()
    {
        ForAll((s, plan) =>
        {
            var ours = PolicyGroups(s);
            foreach (var action in Acted(plan))
            {
                switch (action)
                {
                    case ReplaceInstance replace:
                        var node = s.Nodes.Single(n => n.Name == replace.Node);
                        Assert.True(Selected(s.Policy.Spec, node));
                        Assert.Equal(replace.InstanceId, node.InstanceId);
                        Assert.Contains(s.Instances.Single(i => i.Id == replace.InstanceId).Group, ours);
                        Assert.Equal(replace.Group, s.Instances.Single(i => i.Id == replace.InstanceId).Group);
                        Assert.False(node.HasDoNotDisruptPod || node.Annotations.GetValueOrDefault("windowsnode.io/do-not-disrupt") == "true");
                        Assert.False(s.Groups.Single(g => g.Name == replace.Group).HandsOff);
                        break;
                    case UpdateLaunchTemplate or StartRefresh:
                        var group = action is UpdateLaunchTemplate update ? update.Group : ((StartRefresh)action).Group;
                        var facts = s.Groups.Single(g => g.Name == group);
                        Assert.Contains(group, ours);
                        Assert.False(facts.Tags.ContainsKey("eks:nodegroup-name"));
                        Assert.Null(facts.UnsupportedMixedInstancesPolicy);
                        if (action is StartRefresh start)
                        {
                            // A group's mixed instances policy always goes with its refresh: never a launch template alone.
                            Assert.Same(facts.MixedInstancesPolicy, start.Preferences.MixedInstancesPolicy);
                        }

                        break;
                    case CancelRefresh cancel:
                        Assert.Contains(cancel.Group, ours);
                        Assert.True(s.Groups.Single(g => g.Name == cancel.Group).ActiveRefresh!.StartedByOperator);
                        break;
                    case RollbackRefresh rollback:
                        Assert.Contains(rollback.Group, ours);
                        break;
                }
            }
        });
    }

    [Fact]
    public void A_named_group_without_the_ownership_tags_is_reported_and_nothing_of_it_is_planned()
    {
        ForAll((s, plan) =>
        {
            var unowned = NotOwnedGroups(s);
            var reported = (plan.NotOwnedGroups ?? []).ToList();
            Assert.Equal(unowned.Order(StringComparer.Ordinal), reported.Select(g => g.Name));
            foreach (var group in reported)
            {
                var tags = s.Groups.Single(g => g.Name == group.Name).Tags;
                Assert.NotEmpty(group.MissingTags);
                Assert.All(group.MissingTags, t => Assert.NotEqual(t.Split('=')[1], tags.GetValueOrDefault(t.Split('=')[0])));
            }

            Assert.DoesNotContain(plan.Groups, g => unowned.Contains(g.Name));

            // Their nodes are judged as nodes of no group of the policy: never counted, never due.
            var theirs = s.Instances.Where(i => unowned.Contains(i.Group)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            Assert.All(plan.Nodes.Where(n => n.InstanceId is { } id && theirs.Contains(id)), n => Assert.True(n.Unmanaged && n.Group is null && !n.Expired && !n.Drifted));
        });
    }

    [Fact]
    public void Nothing_is_acted_on_in_dry_run_or_paused()
    {
        ForAll((s, plan) =>
        {
            if (s.Policy.Spec.Disruption.DryRun)
            {
                Assert.False(plan.Action.Changes);
            }
            else
            {
                Assert.Null(plan.DryRunAction);
            }

            if (s.Policy.Spec.Disruption.Paused)
            {
                foreach (var action in Acted(plan))
                {
                    Assert.True(action is Wait or CancelRefresh, $"paused but {action}");
                    if (action is CancelRefresh cancel)
                    {
                        Assert.True(s.Groups.Single(g => g.Name == cancel.Group).ActiveRefresh!.StartedByOperator);
                    }
                }
            }
        });
    }

    [Fact]
    public void Nothing_starts_outside_the_maintenance_windows()
    {
        ForAll((s, plan) =>
        {
            if (!WindowOpen(s))
            {
                Assert.DoesNotContain(Acted(plan), a => a is StartRefresh or ReplaceInstance or UpdateLaunchTemplate);
            }
        });
    }

    [Fact]
    public void Linux_nodes_and_unselected_nodes_are_never_judged_or_touched()
    {
        ForAll((s, plan) =>
        {
            var selected = s.Nodes.Where(n => Selected(s.Policy.Spec, n)).Select(n => n.Name).ToHashSet();
            Assert.All(plan.Nodes, v => Assert.Contains(v.Name, selected));
            if (plan.Problems.Count == 0)
            {
                Assert.Equal(selected.Count, plan.Nodes.Count);
            }
        });
    }

    [Fact]
    public void RequeueAt_is_never_in_the_past_nor_after_the_next_expiry()
    {
        ForAll((s, plan) =>
        {
            var maxAge = PolicyDuration.Parse(s.Policy.Spec.MaxNodeAge).Value;
            var expiries = plan.Nodes.Where(n => n.LaunchTime is not null && !n.Expired).Select(n => n.LaunchTime!.Value + maxAge).ToList();
            if (plan.RequeueAt is { } at)
            {
                Assert.True(at >= s.Now, $"requeue {at:o} before now {s.Now:o}");
            }

            if (expiries.Count > 0)
            {
                Assert.NotNull(plan.RequeueAt);
                Assert.True(plan.RequeueAt <= expiries.Min());
            }
        });
    }

    [Fact]
    public void No_refresh_on_a_refreshing_group_nor_past_concurrentGroups()
    {
        ForAll((s, plan) =>
        {
            foreach (var refresh in Acted(plan).OfType<StartRefresh>())
            {
                Assert.Null(s.Groups.Single(g => g.Name == refresh.Group).ActiveRefresh);
                var ours = PolicyGroups(s);
                Assert.True(s.Groups.Count(g => ours.Contains(g.Name) && g.ActiveRefresh is not null) < s.Policy.Spec.Refresh.ConcurrentGroups);
            }
        });
    }

    [Fact]
    public void A_sick_fleet_is_not_made_sicker()
    {
        ForAll((s, plan) =>
        {
            var notReady = s.Nodes.Count(n => Selected(s.Policy.Spec, n) && !n.Ready);
            if (notReady > MaxUnavailable(s))
            {
                Assert.DoesNotContain(Acted(plan), a => a is StartRefresh or ReplaceInstance or UpdateLaunchTemplate);
            }
        });
    }

    [Fact]
    public void The_planner_is_deterministic()
    {
        ForAll((s, plan) =>
        {
            var again = Planner.Plan(s with { Nodes = s.Nodes.Reverse().ToList(), Groups = s.Groups.Reverse().ToList() });
            Assert.Equal(ActionText.Describe(plan.Action), ActionText.Describe(again.Action));
            Assert.Equal(plan.DryRunAction?.ToString(), again.DryRunAction?.ToString());
            Assert.Equal(plan.Nodes, again.Nodes);
            Assert.Equal(plan.Counts, again.Counts);
            Assert.Equal(plan.Budget, again.Budget);
            Assert.Equal(plan.RequeueAt, again.RequeueAt);
        });
    }

    [Fact]
    public void An_AMI_the_ledger_holds_is_never_rolled_out_again_in_any_group()
    {
        ForAll((s, plan) =>
        {
            var held = (s.FailedAmis ?? []).Select(f => f.ImageId).ToHashSet(StringComparer.Ordinal);
            foreach (var action in Acted(plan))
            {
                var image = action switch
                {
                    StartRefresh refresh => refresh.TargetImageId,
                    UpdateLaunchTemplate update => update.ImageId,
                    _ => null,
                };
                Assert.False(image is not null && held.Contains(image), $"{action} while {image} is held");
            }
        });
    }

    [Fact]
    public void Only_our_own_refresh_rolling_forward_is_rolled_back_and_only_on_evidence_or_a_held_AMI()
    {
        ForAll((s, plan) =>
        {
            foreach (var rollback in Acted(plan).OfType<RollbackRefresh>())
            {
                var refresh = s.Groups.Single(g => g.Name == rollback.Group).ActiveRefresh;
                Assert.NotNull(refresh);
                Assert.True(refresh.StartedByOperator, $"{rollback} of a user's refresh");
                Assert.True(RefreshStatuses.IsCancellable(refresh.Status), $"{rollback} of a refresh {refresh.Status}");
                Assert.True(
                    (refresh.FailedLaunches?.Count ?? 0) >= s.Policy.Spec.Refresh.MaxFailedLaunches || (s.FailedAmis ?? []).Any(f => f.ImageId == refresh.TargetImageId)
                        || NewNodeWorkloads.Overdue(refresh, s.Policy.Spec.Refresh, s.Now).Count > 0,
                    $"{rollback} without evidence");
            }
        });
    }

    [Fact]
    public void No_refresh_or_replacement_takes_an_instance_protected_from_scale_in_or_in_Standby()
    {
        ForAll((s, plan) =>
        {
            foreach (var action in Acted(plan))
            {
                switch (action)
                {
                    case ReplaceInstance replace:
                        Assert.False(s.Instances.Single(i => i.Id == replace.InstanceId).HeldByUser, $"{replace} of a held instance");
                        break;
                    case StartRefresh refresh:
                        var drifted = plan.Nodes.Where(n => n.Group == refresh.Group && n.Drifted && n.InstanceId is not null);
                        Assert.DoesNotContain(drifted, n => s.Instances.Single(i => i.Id == n.InstanceId).HeldByUser);
                        break;
                }
            }
        });
    }

    [Fact]
    public void A_new_AMI_becomes_a_target_only_once_it_has_soaked()
    {
        ForAll((s, plan) =>
        {
            var soak = PolicyDuration.Parse(s.Policy.Spec.Ami.SoakTime).Value;
            foreach (var group in plan.Groups)
            {
                if (group.TargetImageId is { } target && target != group.Group.LaunchTemplateImageId)
                {
                    var latest = Assert.IsType<AmiFound>(s.LatestAmi);
                    Assert.Equal(latest.ImageId, target);
                    Assert.True(latest.CreatedAt + soak <= s.Now, $"{target} created {latest.CreatedAt:o} adopted at {s.Now:o}");
                }
            }
        });
    }
}
