using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The simulated Auto Scaling API: groups, lifecycle hooks and actions, termination, instance refreshes.</summary>
public sealed class SimulatedAutoScaling
{
    /// <summary>
    /// DescribeInstanceRefreshes and DescribeScalingActivities go back six weeks (API_DescribeInstanceRefreshes; "You have a
    /// record of scaling activities that dates back 6 weeks", https://docs.aws.amazon.com/autoscaling/ec2/userguide/CHAP_Troubleshooting.html).
    /// </summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(42);

    private readonly CloudCore _core;
    private readonly InstanceRefreshes _refreshes;

    internal SimulatedAutoScaling(CloudCore core)
    {
        _core = core;
        _refreshes = new InstanceRefreshes(core);
    }

    private CloudState State => _core.State;

    public void CreateAutoScalingGroup(CreateAutoScalingGroupRequest request) => _core.Api("autoscaling:CreateAutoScalingGroup", _ =>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Groups.ContainsKey(request.AutoScalingGroupName))
        {
            throw new SimulatedAwsException("AlreadyExists", 400, $"AutoScalingGroup by this name already exists - A group with the name {request.AutoScalingGroupName} already exists");
        }

        CheckSizes(request.MinSize, request.MaxSize, request.DesiredCapacity);
        var group = request switch
        {
            { LaunchTemplate: not null, MixedInstancesPolicy: not null } or { LaunchTemplate: null, MixedInstancesPolicy: null } =>
                throw SimulatedAwsException.Validation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."),
            { MixedInstancesPolicy: { } policy } => Mixed(request, policy),
            _ => new GroupRecord(request),
        };
        State.ResolveLaunch(group);
        State.Groups.Add(request.AutoScalingGroupName, group);
    });

    public IReadOnlyList<AutoScalingGroupInfo> DescribeAutoScalingGroups(params IReadOnlyList<string> names) => _core.Api("autoscaling:DescribeAutoScalingGroups", _ =>
        (IReadOnlyList<AutoScalingGroupInfo>)[.. State.Groups.Values.Where(g => names.Count == 0 || names.Contains(g.Name)).Select(g => g.ToInfo())]);

    /// <summary>
    /// AWS's answer to UpdateAutoScalingGroup changing what a group launches while an instance refresh with a desired
    /// configuration is active. Not in the API reference (UpdateAutoScalingGroup lists no such error); the wording is AWS's
    /// as quoted by the floci emulator's conformance test (floci-io/floci, pull request 1598).
    /// </summary>
    public const string ActiveDesiredConfigurationMessage =
        "An active instance refresh with a desired configuration exists. All configuration options derived from the desired configuration are not available for update while the instance refresh is active.";

    /// <summary>
    /// Changes sizes and, with <paramref name="launchTemplate"/> or <paramref name="mixedInstancesPolicy"/> (one of the two), what
    /// the group launches: a launch template replaces a mixed instances policy the group had, and a policy replaces a template.
    /// Refused while an instance refresh with a desired configuration is active (<see cref="ActiveDesiredConfigurationMessage"/>):
    /// that refresh writes its configuration into the group when it succeeds, and rolls back to the one it started from.
    /// </summary>
    public void UpdateAutoScalingGroup(
        string name,
        LaunchTemplateSpecification? launchTemplate = null,
        int? minSize = null,
        int? maxSize = null,
        int? desiredCapacity = null,
        MixedInstancesPolicy? mixedInstancesPolicy = null) =>
        _core.Api("autoscaling:UpdateAutoScalingGroup", _ =>
        {
            var group = Group(name);
            if (launchTemplate is not null && mixedInstancesPolicy is not null)
            {
                // "If you specify LaunchTemplate in your update request, you can't specify LaunchConfigurationName or MixedInstancesPolicy."
                throw SimulatedAwsException.Validation("You can't specify LaunchTemplate and MixedInstancesPolicy in the same request.");
            }

            if ((launchTemplate is not null || mixedInstancesPolicy is not null) && group.ActiveRefresh is { DesiredConfiguration: not null })
            {
                throw SimulatedAwsException.Validation(ActiveDesiredConfigurationMessage);
            }

            CheckSizes(minSize ?? group.Min, maxSize ?? group.Max, desiredCapacity ?? group.Desired);
            if (launchTemplate is not null)
            {
                State.Resolve(launchTemplate);
                group.Use(launchTemplate);
            }
            else if (mixedInstancesPolicy is not null)
            {
                MixedInstancesRules.Validate(mixedInstancesPolicy);
                var named = State.Named(mixedInstancesPolicy);
                State.ResolveLaunch(named.LaunchTemplateSpecification, named);
                group.Use(named);
            }

            (group.Min, group.Max, group.Desired) = (minSize ?? group.Min, maxSize ?? group.Max, desiredCapacity ?? group.Desired);
        });

    public void SetDesiredCapacity(string name, int desiredCapacity) => _core.Api("autoscaling:SetDesiredCapacity", _ =>
    {
        var group = Group(name);
        if (desiredCapacity < group.Min || desiredCapacity > group.Max)
        {
            throw SimulatedAwsException.Validation($"New SetDesiredCapacity value {desiredCapacity} is outside of the group's bounds [{group.Min}, {group.Max}].");
        }

        group.Desired = desiredCapacity;
    });

    public void PutLifecycleHook(LifecycleHookInfo hook) => _core.Api("autoscaling:PutLifecycleHook", _ =>
    {
        ArgumentNullException.ThrowIfNull(hook);
        var group = Group(hook.AutoScalingGroupName);
        if (hook.LifecycleTransition is not (LifecycleHooks.Launching or LifecycleHooks.Terminating)
            || hook.DefaultResult is not (LifecycleHooks.Continue or LifecycleHooks.Abandon)
            || hook.HeartbeatTimeout is < 30 or > 7200)
        {
            throw SimulatedAwsException.Validation("Invalid lifecycle hook: transition, default result or heartbeat timeout (30 to 7200 seconds).");
        }

        group.Hooks.RemoveAll(h => h.LifecycleHookName == hook.LifecycleHookName);
        group.Hooks.Add(hook);
    });

    /// <summary>Deletes a hook, completing first the actions still waiting on it: ABANDON for launching instances, CONTINUE for terminating ones.</summary>
    public void DeleteLifecycleHook(string groupName, string hookName) => _core.Api("autoscaling:DeleteLifecycleHook", now =>
    {
        var group = Group(groupName);
        var hook = group.Hooks.FirstOrDefault(h => h.LifecycleHookName == hookName)
            ?? throw SimulatedAwsException.Validation($"No Lifecycle Hook found for name {hookName} in group {groupName}");
        _core.Lifecycle.CompleteWaitingOn(group, hook, now);
        group.Hooks.Remove(hook);
    });

    public IReadOnlyList<LifecycleHookInfo> DescribeLifecycleHooks(string groupName) =>
        _core.Api("autoscaling:DescribeLifecycleHooks", _ => (IReadOnlyList<LifecycleHookInfo>)[.. Group(groupName).Hooks]);

    public IReadOnlyList<AutoScalingInstanceInfo> DescribeAutoScalingInstances(params IReadOnlyList<string> instanceIds) =>
        _core.Api("autoscaling:DescribeAutoScalingInstances", _ => (IReadOnlyList<AutoScalingInstanceInfo>)[.. State.Groups.Values
            .SelectMany(g => g.Members)
            .Where(i => instanceIds.Count == 0 || instanceIds.Contains(i.Id))
            .Select(i => i.ToAutoScaling())]);

    /// <summary>Completes the instance's wait on a hook, found by instance id or by the action's token.</summary>
    public void CompleteLifecycleAction(string groupName, string hookName, string result, string? instanceId = null, string? token = null) =>
        _core.Api("autoscaling:CompleteLifecycleAction", now =>
        {
            if (result is not (LifecycleHooks.Continue or LifecycleHooks.Abandon))
            {
                throw SimulatedAwsException.Validation($"Invalid LifecycleActionResult: {result}.");
            }

            var (instance, action) = FindAction(groupName, hookName, instanceId, token);
            _core.Lifecycle.Complete(instance, action, result, now);
        });

    /// <summary>Restarts the heartbeat timeout of the instance's wait (never past the hook's global timeout).</summary>
    public void RecordLifecycleActionHeartbeat(string groupName, string hookName, string? instanceId = null, string? token = null) =>
        _core.Api("autoscaling:RecordLifecycleActionHeartbeat", now =>
        {
            var (instance, action) = FindAction(groupName, hookName, instanceId, token);
            _core.Lifecycle.Heartbeat(instance, action, now);
        });

    /// <summary>The token of an instance's pending lifecycle action (the simulation's stand-in for the hook's notification).</summary>
    public string? PendingLifecycleActionToken(string instanceId, string hookName) => _core.Control(_ =>
        State.Instances.GetValueOrDefault(instanceId)?.Actions.FirstOrDefault(a => a.Hook.LifecycleHookName == hookName)?.Token);

    /// <summary>Terminates a member; without decrementing desired capacity the group launches a replacement.</summary>
    public ScalingActivityInfo TerminateInstanceInAutoScalingGroup(string instanceId, bool shouldDecrementDesiredCapacity) =>
        _core.Api("autoscaling:TerminateInstanceInAutoScalingGroup", now =>
        {
            var instance = State.Instances.GetValueOrDefault(instanceId);
            if (instance is not { Live: true })
            {
                throw SimulatedAwsException.Validation($"Instance Id not found - No managed instance found for instance ID: {instanceId}");
            }

            var group = Group(instance.GroupName!);
            if (shouldDecrementDesiredCapacity)
            {
                if (group.Desired - 1 < group.Min)
                {
                    throw SimulatedAwsException.Validation($"Currently, desiredCapacity is {group.Desired} and minSize is {group.Min}. Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
                }

                group.Desired--;
            }

            _core.Lifecycle.BeginTerminate(instance, now, shouldDecrementDesiredCapacity ? "terminated, capacity decremented" : "terminated, to be replaced");
            var activity = instance.TerminateActivity!;
            activity.Cause = string.Create(CultureInfo.InvariantCulture, $"At {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} instance {instanceId} was taken out of service in response to a user request")
                + (shouldDecrementDesiredCapacity ? string.Create(CultureInfo.InvariantCulture, $", shrinking the capacity from {group.Desired + 1} to {group.Desired}.") : ".");
            return activity.ToInfo();
        });

    /// <summary>The launches and terminations of one group (or of every group), newest first, optionally only those with the given ids.</summary>
    public IReadOnlyList<ScalingActivityInfo> DescribeScalingActivities(string? groupName = null, params IReadOnlyList<string> activityIds) =>
        _core.Api("autoscaling:DescribeScalingActivities", now =>
        {
            var groups = groupName is null ? [.. State.Groups.Values] : new[] { Group(groupName) };
            return (IReadOnlyList<ScalingActivityInfo>)[.. groups
                .SelectMany(g => g.Activities)
                .Where(a => a.StartTime > now - History)
                .Where(a => activityIds.Count == 0 || activityIds.Contains(a.Id))
                .OrderByDescending(a => a.StartTime)
                .Select(a => a.ToInfo())];
        });

    public string StartInstanceRefresh(StartInstanceRefreshRequest request) =>
        _core.Api("autoscaling:StartInstanceRefresh", now => _refreshes.Start(request, now));

    /// <summary>The group's refreshes of the last six weeks, newest first; older ones are gone, as from AWS.</summary>
    public IReadOnlyList<InstanceRefreshInfo> DescribeInstanceRefreshes(string groupName, params IReadOnlyList<string> refreshIds) =>
        _core.Api("autoscaling:DescribeInstanceRefreshes", now => (IReadOnlyList<InstanceRefreshInfo>)[.. Group(groupName).Refreshes
            .Where(r => r.StartTime > now - History)
            .Where(r => refreshIds.Count == 0 || refreshIds.Contains(r.Id))
            .Select(RefreshProgress.ToInfo)]);

    /// <summary>
    /// Sets or clears the scale-in protection of members that are InService or in Standby
    /// (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_SetInstanceProtection.html).
    /// </summary>
    public void SetInstanceProtection(string groupName, IReadOnlyList<string> instanceIds, bool protectedFromScaleIn) =>
        _core.Api("autoscaling:SetInstanceProtection", now =>
        {
            foreach (var instance in Members(Group(groupName), instanceIds))
            {
                if (instance.Lifecycle is not (LifecycleState.InService or LifecycleState.Standby))
                {
                    throw SimulatedAwsException.Validation($"The instance {instance.Id} is not in InService or EnteringStandby or Standby.");
                }

                instance.ProtectedFromScaleIn = protectedFromScaleIn;
                State.Record(now, instance.Id, protectedFromScaleIn ? "protected from scale in" : "scale-in protection removed");
            }
        });

    /// <summary>
    /// Moves InService members to Standby; without decrementing the desired capacity the group launches replacements
    /// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-enter-exit-standby.html). EnteringStandby is not modelled:
    /// the instance is in Standby at once.
    /// </summary>
    public void EnterStandby(string groupName, IReadOnlyList<string> instanceIds, bool shouldDecrementDesiredCapacity) =>
        _core.Api("autoscaling:EnterStandby", now =>
        {
            var group = Group(groupName);
            var members = Members(group, instanceIds);
            if (members.FirstOrDefault(i => i.Lifecycle != LifecycleState.InService) is { } busy)
            {
                throw SimulatedAwsException.Validation($"The instance {busy.Id} is not in InService.");
            }

            if (shouldDecrementDesiredCapacity)
            {
                CheckSizes(group.Min, group.Max, group.Desired - members.Count);
                group.Desired -= members.Count;
            }

            foreach (var instance in members)
            {
                instance.Lifecycle = LifecycleState.Standby;
                State.Record(now, instance.Id, "Standby");
            }
        });

    /// <summary>Returns Standby members to service and raises the desired capacity by as many (Pending is not modelled).</summary>
    public void ExitStandby(string groupName, IReadOnlyList<string> instanceIds) =>
        _core.Api("autoscaling:ExitStandby", now =>
        {
            var group = Group(groupName);
            var members = Members(group, instanceIds);
            if (members.FirstOrDefault(i => i.Lifecycle != LifecycleState.Standby) is { } other)
            {
                throw SimulatedAwsException.Validation($"The instance {other.Id} is not in Standby.");
            }

            CheckSizes(group.Min, group.Max, group.Desired + members.Count);
            group.Desired += members.Count;
            foreach (var instance in members)
            {
                instance.Lifecycle = LifecycleState.InService;
                State.Record(now, instance.Id, "InService (out of Standby)");
            }
        });

    /// <summary>Cancels the group's refresh or rollback; without <paramref name="waitForTransitioningInstances"/> it ends at once.</summary>
    public string CancelInstanceRefresh(string groupName, bool waitForTransitioningInstances = true) =>
        _core.Api("autoscaling:CancelInstanceRefresh", now => _refreshes.Cancel(Group(groupName), now, waitForTransitioningInstances));

    public string RollbackInstanceRefresh(string groupName) =>
        _core.Api("autoscaling:RollbackInstanceRefresh", now => _refreshes.Rollback(Group(groupName), now));

    private GroupRecord Mixed(CreateAutoScalingGroupRequest request, MixedInstancesPolicy policy)
    {
        MixedInstancesRules.Validate(policy);
        return new GroupRecord(request with { MixedInstancesPolicy = State.Named(policy) });
    }

    private GroupRecord Group(string name) =>
        State.Groups.TryGetValue(name, out var group)
            ? group
            : throw SimulatedAwsException.Validation($"AutoScalingGroup name not found - AutoScalingGroup '{name}' not found");

    private static List<InstanceRecord> Members(GroupRecord group, IReadOnlyList<string> instanceIds) =>
        [.. instanceIds.Select(id => group.Members.FirstOrDefault(m => m.Id == id)
            ?? throw SimulatedAwsException.Validation($"The instance {id} is not part of Auto Scaling group {group.Name}."))];

    private (InstanceRecord Instance, LifecycleAction Action) FindAction(string groupName, string hookName, string? instanceId, string? token)
    {
        var group = Group(groupName);
        foreach (var member in group.Members.Where(m => instanceId is null || m.Id == instanceId))
        {
            var action = member.Actions.FirstOrDefault(a => a.Hook.LifecycleHookName == hookName && (token is null || a.Token == token));
            if (action is not null)
            {
                return (member, action);
            }
        }

        throw SimulatedAwsException.Validation(instanceId is not null
            ? $"No active Lifecycle Action found with instance ID {instanceId}"
            : $"No active Lifecycle Action found with token {token}");
    }

    private static void CheckSizes(int min, int max, int desired)
    {
        if (min < 0 || min > max || desired < min || desired > max)
        {
            throw SimulatedAwsException.Validation($"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}");
        }
    }
}
